package org.gatehouse.token.endpoint;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import org.gatehouse.token.support.OAuthRequests;
import org.gatehouse.token.support.TestClients;
import org.gatehouse.token.support.TestCodes;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.CompactSerializer;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import static org.gatehouse.token.support.OAuthRequests.introspect;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Forged and confused JWTs at introspection (RFC 7662 §2.2; RFC 8725 §2, §3.1, §3.11): a resource server holding
 * the introspection permission learns {@code active: false} — never the claims — for an HS256 token MACed with the
 * published ES256 key, an attacker-signed token under our {@code kid}, {@code alg: none}, and an ID token.
 */
@QuarkusTest
class IntrospectionJwtAttackTest {

    private static final String CLIENT = TestClients.MASTODON_ID;
    private static final String SECRET = TestClients.MASTODON_SECRET;

    @Test
    void introspectWhenHs256MacedWithThePublishedKeyThenInactive() throws Exception {
        String genuine = tokens("read").getString("access_token");
        assertActive(genuine);
        JsonWebKeySet jwks = new JsonWebKeySet(RestAssured.get("/oauth/jwks").then().statusCode(200).extract().asString());
        for (JsonWebKey published : jwks.getJsonWebKeys()) {
            PublicJsonWebKey key = (PublicJsonWebKey) published;
            byte[][] secrets = {
                    key.getPublicKey().getEncoded(),
                    key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).getBytes(StandardCharsets.UTF_8)};
            for (byte[] secret : secrets) {
                assertInactive(resign(genuine, AlgorithmIdentifiers.HMAC_SHA256, new HmacKey(secret), key.getKeyId()));
            }
        }
    }

    @Test
    void introspectWhenSignedByAnotherKeyUnderOurKidOrAlgNoneThenInactive() throws Exception {
        String genuine = tokens("read").getString("access_token");
        JsonWebSignature parsed = new JsonWebSignature();
        parsed.setCompactSerialization(genuine);
        String kid = parsed.getKeyIdHeaderValue();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair attacker = generator.generateKeyPair();
        assertInactive(resign(genuine, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, attacker.getPrivate(), kid));
        assertInactive(resign(genuine, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, attacker.getPrivate(),
                "unknown-kid"));

        String[] parts = genuine.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8));
        assertInactive(none + "." + parts[1] + ".");
    }

    @Test
    void introspectWhenIdTokenPresentedThenInactive() {
        String idToken = tokens("openid read").getString("id_token");
        assertInactive(idToken);
    }

    /** The genuine token's header (but {@code alg}) and payload, signed with {@code key}. */
    private static String resign(String genuine, String algorithm, java.security.Key key, String kid) throws Exception {
        JsonWebSignature original = new JsonWebSignature();
        original.setCompactSerialization(genuine);
        JsonWebSignature forged = new JsonWebSignature();
        forged.setPayload(original.getUnverifiedPayload());
        forged.setAlgorithmHeaderValue(algorithm);
        forged.setKeyIdHeaderValue(kid);
        forged.setHeader("typ", "at+jwt");
        forged.setKey(key);
        forged.setDoKeyValidation(false);
        String serialized = forged.getCompactSerialization();
        assertEquals(3, CompactSerializer.deserialize(serialized).length);
        return serialized;
    }

    private static void assertActive(String token) {
        introspect(TestClients.INTROSPECTOR_ID, TestClients.INTROSPECTOR_SECRET, token).then()
                .statusCode(200).body("active", equalTo(true));
    }

    private static void assertInactive(String token) {
        JsonPath answer = introspect(TestClients.INTROSPECTOR_ID, TestClients.INTROSPECTOR_SECRET, token).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(false, answer.getBoolean("active"));
        assertEquals(1, answer.getMap("$").size(), "an inactive answer carries nothing else: " + answer.prettify());
    }

    private static JsonPath tokens(String scope) {
        String code = TestCodes.forClient(CLIENT).scope(scope).nonce("n-0S6_WzA2Mj").mint().code();
        return OAuthRequests.exchange(CLIENT, SECRET, code, null).then().statusCode(200).extract().jsonPath();
    }
}
