package org.gatehouse.token.support;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.json.JsonUtil;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * Authorization codes minted in the {@link AuthorizationDouble} with the bindings authorization-service would have
 * given them: {@code TestCodes.forClient(id).pkce(verifier).scope("openid read").mint()}.
 */
public final class TestCodes {

    public static final String REDIRECT_URI = "https://app.example/callback";
    public static final String USER_ID = "7d1e2c3b-0000-4000-8000-00000000a11c";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Object> binding = new LinkedHashMap<>();

    private TestCodes(String clientId) {
        binding.put("client_id", clientId);
        binding.put("user_id", USER_ID);
        binding.put("redirect_uri", REDIRECT_URI);
        binding.put("redirect_uri_in_request", true);
        binding.put("scope", "read");
        binding.put("nonce", null);
        binding.put("code_challenge", null);
        binding.put("code_challenge_method", null);
        binding.put("auth_time", Instant.now().getEpochSecond() - 5);
    }

    public static TestCodes forClient(String clientId) {
        return new TestCodes(clientId);
    }

    public TestCodes user(String userId) {
        binding.put("user_id", userId);
        return this;
    }

    public TestCodes scope(String scope) {
        binding.put("scope", scope);
        return this;
    }

    public TestCodes nonce(String nonce) {
        binding.put("nonce", nonce);
        return this;
    }

    /** The authorization request's OpenID Connect {@code claims} parameter named these (Core §5.5). */
    public TestCodes claims(List<String> userInfo, List<String> idToken) {
        binding.put("userinfo_claims", userInfo);
        binding.put("id_token_claims", idToken);
        return this;
    }

    /** The authorization request omitted redirect_uri (single-redirect clients); the code went to the default. */
    public TestCodes redirectUriNotInRequest() {
        binding.put("redirect_uri_in_request", false);
        return this;
    }

    /** The authorization request sent the S256 challenge of {@code verifier}. */
    public TestCodes pkce(String verifier) {
        binding.put("code_challenge", s256(verifier));
        binding.put("code_challenge_method", "S256");
        return this;
    }

    public Minted mint() {
        var minted = given().contentType("application/json")
                .body(JsonUtil.toJson(binding))
                .post(url() + "/_fixture/codes")
                .then().statusCode(201).extract().jsonPath();
        return new Minted(minted.getString("code"), minted.getString("code_id"));
    }

    public static void expire(String code) {
        given().post(url() + "/_fixture/codes/" + code + "/expire").then().statusCode(204);
    }

    /** A fresh RFC 7636 verifier: 32 random bytes, base64url (43 characters). */
    public static String verifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String url() {
        return ConfigProvider.getConfig().getValue(AuthorizationDouble.URL_PROPERTY, String.class);
    }

    public record Minted(String code, String codeId) {
    }
}
