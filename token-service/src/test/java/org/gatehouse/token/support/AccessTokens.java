package org.gatehouse.token.support;

import io.restassured.RestAssured;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/** Verifies issued access tokens as a resource server would: only with the published JWKS. */
public final class AccessTokens {

    /** gatehouse.public-url in tests (its default). */
    public static final String ISSUER = "http://localhost:8080";

    private AccessTokens() {
    }

    /** Verifies signature, {@code typ}, issuer, audience and expiry against {@code GET /oauth/jwks}. */
    public static JwtContext verify(String jwt) {
        try {
            JsonWebKeySet jwks = new JsonWebKeySet(RestAssured.get("/oauth/jwks").then().statusCode(200)
                    .extract().asString());
            return new JwtConsumerBuilder()
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks.getJsonWebKeys()))
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                    .setExpectedType(true, "at+jwt")
                    .setExpectedIssuer(ISSUER)
                    .setExpectedAudience(ISSUER)
                    .setRequireExpirationTime()
                    .setRequireIssuedAt()
                    .setRequireJwtId()
                    .setRequireSubject()
                    .build()
                    .process(jwt);
        } catch (JoseException | org.jose4j.jwt.consumer.InvalidJwtException e) {
            throw new AssertionError("Access token does not verify against the JWKS: " + e.getMessage(), e);
        }
    }
}
