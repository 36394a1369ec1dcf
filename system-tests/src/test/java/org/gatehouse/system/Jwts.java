package org.gatehouse.system;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

import static io.restassured.RestAssured.given;

/** Verifies the platform's JWTs as a client or resource server would: signature against the published JWKS. */
final class Jwts {

    private Jwts() {
    }

    /** RFC 9068 access token: ES256 by a published key, {@code typ at+jwt}, iss = aud = the public URL. */
    static JwtClaims accessToken(String publicUrl, String token) throws Exception {
        return consumer(publicUrl, "at+jwt", publicUrl, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .processToClaims(token);
    }

    /**
     * OIDC ID token (OIDC Core §3.1.3.7): RS256 (§15.1) by a published key, iss = the public URL, aud = the client.
     */
    static JwtClaims idToken(String publicUrl, String token, String clientId) throws Exception {
        return consumer(publicUrl, null, clientId, AlgorithmIdentifiers.RSA_USING_SHA256).processToClaims(token);
    }

    /**
     * A signed UserInfo answer (OIDC Core §5.3.2): {@code algorithm} by a published key, iss = the public URL,
     * aud = the client; no expiry is required of it.
     */
    static JwtClaims userInfo(String publicUrl, String jwt, String clientId, String algorithm) throws Exception {
        JsonWebKeySet jwks = new JsonWebKeySet(given().baseUri(publicUrl).get("/oauth/jwks")
                .then().statusCode(200).extract().asString());
        return new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, algorithm)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks.getJsonWebKeys()))
                .setExpectedIssuer(publicUrl)
                .setExpectedAudience(clientId)
                .setRequireSubject()
                .build().processToClaims(jwt);
    }

    private static JwtConsumer consumer(String publicUrl, String type, String audience, String algorithm)
            throws Exception {
        JsonWebKeySet jwks = new JsonWebKeySet(given().baseUri(publicUrl).get("/oauth/jwks")
                .then().statusCode(200).extract().asString());
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, algorithm)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks.getJsonWebKeys()))
                .setExpectedIssuer(publicUrl)
                .setExpectedAudience(audience)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject();
        if (type != null) {
            builder.setExpectedType(true, type).setRequireJwtId();
        }
        return builder.build();
    }
}
