package org.gatehouse.token.issue;

import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.HeaderParameterNames;
import org.jose4j.lang.JoseException;

/**
 * Signs the JWTs this service issues (compact JWS, RFC 7515 §7.1) with jose4j, through {@link BouncyCastleJca}:
 * signing is the largest cost of issuing a token. SmallRye JWT's builder cannot be given a JCA provider, hence jose4j.
 */
@ApplicationScoped
public class JwsSigner {

    /** The compact JWS of {@code claims}, header {@code alg}, {@code kid} and {@code typ}. */
    String sign(JwtClaims claims, String type, SigningKeys.ActiveKey key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setProviderContext(BouncyCastleJca.PROVIDER_CONTEXT);
        jws.setAlgorithmHeaderValue(key.algorithm().jws().getAlgorithm());
        jws.setKeyIdHeaderValue(key.kid());
        jws.setHeader(HeaderParameterNames.TYPE, type);
        jws.setPayload(claims.toJson());
        jws.setKey(key.privateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Could not sign with key " + key.kid(), e);
        }
    }
}
