package org.gatehouse.token.introspection;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gatehouse.token.issue.SigningKeys;
import org.gatehouse.token.support.AccessTokens;
import org.gatehouse.token.support.CountingAccessTokenVerifier;
import org.gatehouse.token.support.OAuthRequests;
import org.gatehouse.token.support.TestClients;
import org.gatehouse.token.support.TestCodes;
import org.gatehouse.token.support.TestSigningKeys;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.gatehouse.token.support.OAuthRequests.introspect;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Introspection verifies a token's signature once, yet answers from the current expiry, denylist and published keys
 * every time. {@link CountingAccessTokenVerifier} counts the real verifications. (How long an entry lives and how
 * many are kept is platform-common's {@code ExpiringTokenCacheTest}.)
 */
@QuarkusTest
class VerifiedAccessTokenCacheTest {

    private static final String CLIENT = TestClients.MASTODON_ID;
    private static final String SECRET = TestClients.MASTODON_SECRET;

    @Inject
    CountingAccessTokenVerifier verifier;

    @Inject
    SigningKeys signingKeys;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "token.key-encryption-key")
    String keyEncryptionKey;

    @Test
    void verifyWhenSameTokenIntrospectedAgainThenSignatureVerifiedOnce() {
        String accessToken = accessToken();

        introspect(CLIENT, SECRET, accessToken).then().statusCode(200).body("active", equalTo(true));
        introspect(CLIENT, SECRET, accessToken).then().statusCode(200).body("active", equalTo(true));
        introspect(TestClients.INTROSPECTOR_ID, TestClients.INTROSPECTOR_SECRET, accessToken).then().statusCode(200)
                .body("active", equalTo(true))
                .body("client_id", equalTo(CLIENT));

        assertEquals(1, verifier.verificationsOf(accessToken));
    }

    @Test
    void verifyWhenCachedTokenRevokedThenInactiveAtOnce() {
        String accessToken = accessToken();
        introspect(CLIENT, SECRET, accessToken).then().statusCode(200).body("active", equalTo(true));

        OAuthRequests.revoke(CLIENT, SECRET, accessToken).then().statusCode(200);

        assertEquals(Map.of("active", false), introspect(TestClients.INTROSPECTOR_ID,
                TestClients.INTROSPECTOR_SECRET, accessToken).then().statusCode(200).extract().jsonPath().getMap(""));
        // Once by the first introspection, once by the revocation endpoint: the last answer came from the cache.
        assertEquals(2, verifier.verificationsOf(accessToken));
    }

    @Test
    void verifyWhenCachedTokenCarriesAnotherSignatureThenInactive() {
        String accessToken = accessToken();
        introspect(CLIENT, SECRET, accessToken).then().statusCode(200).body("active", equalTo(true));

        String forged = accessToken.substring(0, accessToken.lastIndexOf('.') + 1)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);

        assertEquals(Map.of("active", false), introspect(CLIENT, SECRET, forged).then().statusCode(200)
                .extract().jsonPath().getMap(""));
        assertEquals(1, verifier.verificationsOf(forged));
        introspect(CLIENT, SECRET, accessToken).then().statusCode(200).body("active", equalTo(true));
    }

    @Test
    void verifyWhenCachedTokensKeyIsWithdrawnThenInactiveAtOnce() throws Exception {
        String kid = "withdrawn-" + System.nanoTime();
        EllipticCurveJsonWebKey key = TestSigningKeys.insertRetired(dataSource, keyEncryptionKey, kid,
                Instant.now().plusSeconds(3600));
        try {
            signingKeys.reload();
            String accessToken = signedBy(key);
            introspect(TestClients.INTROSPECTOR_ID, TestClients.INTROSPECTOR_SECRET, accessToken).then()
                    .statusCode(200).body("active", equalTo(true));

            // Withdrawn from the JWKS (unpublish_at passed): the cached verification no longer counts.
            withdraw(kid);
            signingKeys.reload();

            assertEquals(Map.of("active", false), introspect(TestClients.INTROSPECTOR_ID,
                    TestClients.INTROSPECTOR_SECRET, accessToken).then().statusCode(200).extract().jsonPath()
                    .getMap(""));
            assertEquals(2, verifier.verificationsOf(accessToken), "verified again, against the keys now published");
        } finally {
            delete(kid);
            signingKeys.reload();
        }
    }

    /** An access token of this issuer signed by the given (published) key, with every claim introspection needs. */
    private static String signedBy(EllipticCurveJsonWebKey key) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(AccessTokens.ISSUER);
        claims.setSubject("user-withdrawn-key");
        claims.setAudience(AccessTokens.ISSUER);
        claims.setClaim("client_id", CLIENT);
        claims.setClaim("scope", "read");
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(10);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue("ES256");
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader("typ", "at+jwt");
        jws.setKey(key.getPrivateKey());
        return jws.getCompactSerialization();
    }

    private void withdraw(String kid) throws Exception {
        execute("UPDATE token.signing_key SET unpublish_at = now() - interval '1 second' WHERE kid = ?", kid);
    }

    private void delete(String kid) throws Exception {
        execute("DELETE FROM token.signing_key WHERE kid = ?", kid);
    }

    private void execute(String sql, String kid) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, kid);
            statement.executeUpdate();
        }
    }

    private static String accessToken() {
        String code = TestCodes.forClient(CLIENT).scope("read").mint().code();
        return OAuthRequests.exchange(CLIENT, SECRET, code, null).then().statusCode(200).extract().jsonPath()
                .getString("access_token");
    }
}
