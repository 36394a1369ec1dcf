package org.gatehouse.token.introspection;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.gatehouse.token.support.CountingAccessTokenVerifier;
import org.gatehouse.token.support.OAuthRequests;
import org.gatehouse.token.support.TestClients;
import org.gatehouse.token.support.TestCodes;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.gatehouse.token.support.OAuthRequests.introspect;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Introspection verifies a token's signature once, yet answers from the current expiry and denylist every time.
 * {@link CountingAccessTokenVerifier} counts the real verifications.
 */
@QuarkusTest
class VerifiedAccessTokenCacheTest {

    private static final String CLIENT = TestClients.MASTODON_ID;
    private static final String SECRET = TestClients.MASTODON_SECRET;

    @Inject
    CountingAccessTokenVerifier verifier;

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

    private static String accessToken() {
        String code = TestCodes.forClient(CLIENT).scope("read").mint().code();
        return OAuthRequests.exchange(CLIENT, SECRET, code, null).then().statusCode(200).extract().jsonPath()
                .getString("access_token");
    }
}
