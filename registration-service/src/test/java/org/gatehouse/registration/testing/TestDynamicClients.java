package org.gatehouse.registration.testing;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.gatehouse.testing.TestTokens;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Clients registered through RFC 7591 {@code POST /oauth/register}, request bodies and JWKs for them. */
public final class TestDynamicClients {

    public static final String REGISTER = "/oauth/register";
    public static final String CONFIGURATION = "/oauth/register/{client_id}";
    public static final String LOOKUP = "/internal/clients/{client_id}";
    public static final String REDIRECT_URI = "https://rp.example/callback";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private TestDynamicClients() {
    }

    /** A registered client: its identifiers, the one-time credentials and the 201 body. */
    public record Registered(String clientId, String clientSecret, String registrationAccessToken, JsonPath json) {
        public String bearer() {
            return "Bearer " + registrationAccessToken;
        }
    }

    /** A valid authorization-code client body, mutable so tests can change one member. */
    public static Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_name", "Relying party");
        body.put("redirect_uris", List.of(REDIRECT_URI));
        body.put("scope", "read write");
        return body;
    }

    /** {@link #body()} with the given {@code token_endpoint_auth_method} and, where it needs them, keys and grants. */
    public static Map<String, Object> body(String method) {
        Map<String, Object> body = body();
        body.put("token_endpoint_auth_method", method);
        switch (method) {
            case "private_key_jwt" -> {
                body.put("jwks", jwks(ecPublicJwk("key-1")));
                body.put("grant_types", List.of("authorization_code", "client_credentials", "refresh_token"));
            }
            case "none" -> body.put("grant_types", List.of("authorization_code", "refresh_token"));
            default -> body.put("grant_types", List.of("authorization_code", "client_credentials", "refresh_token"));
        }
        return body;
    }

    public static Registered register(Map<String, Object> body) {
        JsonPath json = given().contentType(ContentType.JSON).body(body)
                .when().post(REGISTER)
                .then().statusCode(201)
                .extract().jsonPath();
        return new Registered(json.getString("client_id"), json.getString("client_secret"),
                json.getString("registration_access_token"), json);
    }

    public static Registered register(String method) {
        return register(body(method));
    }

    /** The internal client record token-service reads. */
    public static JsonPath lookup(String clientId) {
        return given().header("Authorization", TestTokens.serviceAuthorization("token-service", "registration-service"))
                .when().get(LOOKUP, clientId)
                .then().statusCode(200)
                .extract().jsonPath();
    }

    public static Map<String, Object> jwks(Map<?, ?>... keys) {
        return Map.of("keys", List.of(keys));
    }

    public static Map<String, Object> ecPublicJwk(String kid) {
        return ecJwk(kid, false);
    }

    /** An EC P-256 JWK that (wrongly) includes its private part {@code d}. */
    public static Map<String, Object> ecPrivateJwk(String kid) {
        return ecJwk(kid, true);
    }

    public static Map<String, Object> rsaPublicJwk(String kid, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
            Map<String, Object> jwk = new HashMap<>();
            jwk.put("kty", "RSA");
            jwk.put("kid", kid);
            jwk.put("n", base64url(key.getModulus()));
            jwk.put("e", base64url(key.getPublicExponent()));
            return jwk;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> ecJwk(String kid, boolean withPrivatePart) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            ECPublicKey key = (ECPublicKey) pair.getPublic();
            Map<String, Object> jwk = new HashMap<>();
            jwk.put("kty", "EC");
            jwk.put("crv", "P-256");
            jwk.put("kid", kid);
            jwk.put("use", "sig");
            jwk.put("alg", "ES256");
            jwk.put("x", coordinate(key.getW().getAffineX()));
            jwk.put("y", coordinate(key.getW().getAffineY()));
            if (withPrivatePart) {
                jwk.put("d", coordinate(((ECPrivateKey) pair.getPrivate()).getS()));
            }
            return jwk;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A P-256 field element as exactly 32 big-endian bytes, base64url (RFC 7518 §6.2.1.2). */
    private static String coordinate(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, fixed, 32 - length, length);
        return BASE64URL.encodeToString(fixed);
    }

    private static String base64url(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] unsigned = raw[0] == 0 && raw.length > 1 ? Arrays.copyOfRange(raw, 1, raw.length) : raw;
        return BASE64URL.encodeToString(unsigned);
    }
}
