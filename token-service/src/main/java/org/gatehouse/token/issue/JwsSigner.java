package org.gatehouse.token.issue;

import jakarta.enterprise.context.ApplicationScoped;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.HeaderParameterNames;
import org.jose4j.lang.JoseException;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Security;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * Signs the JWTs this service issues (compact JWS, RFC 7515 §7.1) with jose4j, through Bouncy Castle's JCA provider.
 * Signing is the largest cost of issuing a token: on JDK 17, SunEC signs ES256 about 1,700 times per second per
 * core, Bouncy Castle (fixed-point comb tables for P-256) several times more (bench/jmh, provider=BC). The tokens are
 * the same standard JWS: anyone verifies them with any provider.
 */
@ApplicationScoped
public class JwsSigner {

    static {
        // Appended last, so it is only used where asked for by name: the JDK's providers stay the default.
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private final ProviderContext providerContext = new ProviderContext();

    public JwsSigner() {
        providerContext.getSuppliedKeyProviderContext().setSignatureProvider(BouncyCastleProvider.PROVIDER_NAME);
    }

    /** The compact JWS of {@code claims}, header {@code alg}, {@code kid} and {@code typ}. */
    String sign(JwtClaims claims, String type, SigningKeys.ActiveKey key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setProviderContext(providerContext);
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

    /** jose4j's provider settings that route signatures through Bouncy Castle (also for verification). */
    ProviderContext providerContext() {
        return providerContext;
    }

    /**
     * A copy of a published JWK whose key is Bouncy Castle's own object (same kid, alg and use), for verifying
     * through {@link #providerContext()}: as with {@link #providerKey}, made once per key load.
     */
    static JsonWebKey providerJwk(JsonWebKey jwk) {
        try {
            PublicKey key = KeyFactory.getInstance(jwk.getKey().getAlgorithm(), BouncyCastleProvider.PROVIDER_NAME)
                    .generatePublic(new X509EncodedKeySpec(jwk.getKey().getEncoded()));
            PublicJsonWebKey copy = PublicJsonWebKey.Factory.newPublicJwk(key);
            copy.setKeyId(jwk.getKeyId());
            copy.setAlgorithm(jwk.getAlgorithm());
            copy.setUse(jwk.getUse());
            return copy;
        } catch (GeneralSecurityException | JoseException e) {
            throw new IllegalStateException("Bouncy Castle cannot read public key " + jwk.getKeyId(), e);
        }
    }

    /**
     * The same private key as Bouncy Castle's own object, made once when a key is loaded: handed a JDK key, the
     * provider would translate it on every signature.
     */
    static PrivateKey providerKey(PrivateKey key) {
        try {
            return KeyFactory.getInstance(key.getAlgorithm(), BouncyCastleProvider.PROVIDER_NAME)
                    .generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle cannot read a " + key.getAlgorithm() + " key", e);
        }
    }
}
