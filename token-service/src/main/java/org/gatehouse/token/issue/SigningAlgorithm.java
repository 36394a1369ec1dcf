package org.gatehouse.token.issue;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * JWS algorithms access tokens can be signed with (RFC 7518 §3.1,
 * https://www.rfc-editor.org/rfc/rfc7518#section-3.1). Adding RS256 or EdDSA means adding a constant that
 * knows how to generate its key; storage, JWKS and signing are algorithm-neutral.
 */
public enum SigningAlgorithm {

    /** ECDSA with P-256 and SHA-256: the contract's default. */
    ES256(SignatureAlgorithm.ES256) {
        @Override
        PublicJsonWebKey generateKey() throws JoseException {
            return EcJwkGenerator.generateJwk(EllipticCurves.P256);
        }
    },

    /** RSASSA-PKCS1-v1_5 with SHA-256, 2048-bit keys: what OIDC Core §15.1 requires every provider to offer for ID tokens. */
    RS256(SignatureAlgorithm.RS256) {
        @Override
        PublicJsonWebKey generateKey() throws JoseException {
            return RsaJwkGenerator.generateJwk(2048);
        }
    };

    private final SignatureAlgorithm jws;

    SigningAlgorithm(SignatureAlgorithm jws) {
        this.jws = jws;
    }

    /** A fresh key pair for this algorithm. */
    abstract PublicJsonWebKey generateKey() throws JoseException;

    SignatureAlgorithm jws() {
        return jws;
    }

    /** The algorithm named by a setting (or stored with a key), or a startup failure that lists what works. */
    public static SigningAlgorithm fromConfig(String name) {
        for (SigningAlgorithm algorithm : values()) {
            if (algorithm.name().equals(name)) {
                return algorithm;
            }
        }
        throw new IllegalStateException("Signing algorithm " + name + " is not supported; supported: "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
