package org.gatehouse.resource;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.gatehouse.testing.HttpDoubles.audienceIs;
import static org.gatehouse.testing.HttpDoubles.respond;

/**
 * Real HTTP stand-ins for registration-service's account and API-key APIs and authorization-service's grants. They
 * refuse calls whose service token does not name the right audience. token-service's denylist feed is platform-test's
 * TestJwksResource.
 */
public class SiblingDoubles implements QuarkusTestResourceLifecycleManager {

    public static final String ALICE_ID = "6f1c1a52-3c55-4a3e-9f4e-0c1d2b3a4f50";

    private static final String ALICE = """
            {"id":"%s","username":"alice","email":"alice@example.org","display_name":"Alice Liddell",
             "given_name":"Alice","family_name":"Liddell","middle_name":"Pleasance","nickname":"Al",
             "profile":"https://wonderland.example/alice","picture":"https://wonderland.example/alice.png",
             "website":"https://alice.example.org/","gender":"female","birthdate":"0000-05-04",
             "zoneinfo":"Europe/London","locale":"en-GB",
             "created_at":"2026-01-02T03:04:05Z","updated_at":"2026-03-04T05:06:07Z"}""".formatted(ALICE_ID);

    /** An account whose user name is an e-mail address, which is then also its email. */
    public static final String ADDRESS_USER_ID = "0b6e2b0c-5d7e-4f1a-8a0e-7c1f9a3b2d61";
    public static final String ADDRESS_USERNAME = "Alice.Liddell+tea@Example.com";
    private static final String ADDRESS_USER = """
            {"id":"%s","username":"%s","email":"%s","display_name":"%s","created_at":"2026-01-02T03:04:05Z"}"""
            .formatted(ADDRESS_USER_ID, ADDRESS_USERNAME, ADDRESS_USERNAME, ADDRESS_USERNAME);
    /** An account with a bare user name and no email. */
    public static final String NO_EMAIL_USER_ID = "5a0d8c3e-1b2f-4c6d-9e8f-2a4b6c8d0e13";
    private static final String NO_EMAIL_USER = """
            {"id":"%s","username":"bob","email":null,"display_name":"bob","given_name":null,"family_name":"",
             "middle_name":null,"nickname":"","profile":null,"picture":null,"website":" ","gender":null,
             "birthdate":null,"zoneinfo":null,"locale":null,
             "created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}"""
            .formatted(NO_EMAIL_USER_ID);

    /** A client that registered {@code userinfo_signed_response_alg=RS256}; every other client registered none. */
    public static final String SIGNED_USERINFO_CLIENT = "signed-userinfo-app";

    /** A third-party app's API key and what the app requested. */
    public static final String APP_ID = "tp_fixtureapp";
    public static final String KEY_ID = "Fx7KeyId01";
    public static final String KEY_SECRET = "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3";
    public static final String API_KEY = "gh_tp_" + KEY_ID + "." + KEY_SECRET;
    /** A second live key of the same app (as during a rotation overlap), with its own rate-limit budget. */
    public static final String OTHER_KEY_ID = "Fx7KeyId02";
    public static final String OTHER_KEY_SECRET = "0th3r-0th3r-0th3r-0th3r-0th3r-0th3r-0th3";
    public static final String OTHER_API_KEY = "gh_tp_" + OTHER_KEY_ID + "." + OTHER_KEY_SECRET;

    /** user id → permissions of the profile that user granted to the fixture app. */
    private final Map<String, String> grants = new ConcurrentHashMap<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/accounts/", exchange -> {
            if (!audienceIs(exchange, "registration-service")) {
                respond(exchange, 401, "{\"error\":\"invalid_token\"}");
            } else if (exchange.getRequestURI().getPath().endsWith("/" + ALICE_ID)) {
                respond(exchange, 200, ALICE);
            } else if (exchange.getRequestURI().getPath().endsWith("/" + ADDRESS_USER_ID)) {
                respond(exchange, 200, ADDRESS_USER);
            } else if (exchange.getRequestURI().getPath().endsWith("/" + NO_EMAIL_USER_ID)) {
                respond(exchange, 200, NO_EMAIL_USER);
            } else {
                respond(exchange, 404, "{\"error\":\"not_found\"}");
            }
        });
        server.createContext("/internal/clients/", exchange -> {
            if (!audienceIs(exchange, "registration-service")) {
                respond(exchange, 401, "{\"error\":\"invalid_token\"}");
            } else if (exchange.getRequestURI().getPath().endsWith("/" + SIGNED_USERINFO_CLIENT + "/userinfo")) {
                respond(exchange, 200, "{\"client_id\":\"" + SIGNED_USERINFO_CLIENT
                        + "\",\"userinfo_signed_response_alg\":\"RS256\"}");
            } else {
                respond(exchange, 404, "{\"error\":\"not_found\"}");
            }
        });
        server.createContext("/internal/api-keys/", exchange -> {
            if (!audienceIs(exchange, "registration-service")) {
                respond(exchange, 401, "{\"error\":\"invalid_token\"}");
            } else if (exchange.getRequestURI().getPath().chars().anyMatch(c -> c < 0x20)) {
                // As registration-service answers a value PostgreSQL cannot take (a NUL): the caller's mistake.
                respond(exchange, 400, "{\"error\":\"invalid_request\"}");
            } else if (exchange.getRequestURI().getPath().endsWith("/" + KEY_ID)) {
                respond(exchange, 200, "{\"key_id\":\"" + KEY_ID + "\",\"client_id\":\"" + APP_ID
                        + "\",\"requested_permissions\":[\"read:nodes\",\"write:nodes\"],\"key_hashes\":[\""
                        + sha256(KEY_SECRET) + "\"]}");
            } else if (exchange.getRequestURI().getPath().endsWith("/" + OTHER_KEY_ID)) {
                respond(exchange, 200, "{\"key_id\":\"" + OTHER_KEY_ID + "\",\"client_id\":\"" + APP_ID
                        + "\",\"requested_permissions\":[\"read:nodes\",\"write:nodes\"],\"key_hashes\":[\""
                        + sha256(OTHER_KEY_SECRET) + "\"]}");
            } else {
                respond(exchange, 404, "{\"error\":\"not_found\"}");
            }
        });
        server.createContext("/internal/grants", exchange -> {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String permissions = grants.get(query.get("user_id"));
            if (!audienceIs(exchange, "authorization-service")) {
                respond(exchange, 401, "{\"error\":\"invalid_token\"}");
            } else if (!APP_ID.equals(query.get("client_id")) || permissions == null) {
                respond(exchange, 404, "{\"error\":\"not_found\"}");
            } else {
                String list = permissions.isEmpty() ? "" : "\"" + permissions.replace(" ", "\",\"") + "\"";
                respond(exchange, 200, "{\"client_id\":\"" + APP_ID + "\",\"user_id\":\"" + query.get("user_id")
                        + "\",\"profile_id\":\"p1\",\"permissions\":[" + list + "]}");
            }
        });
        // Test hooks: POST /test/grant?user_id=..&permissions=a+b (empty permissions = revoke).
        server.createContext("/test/grant", exchange -> {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String permissions = query.getOrDefault("permissions", "");
            if (permissions.isEmpty()) {
                grants.remove(query.get("user_id"));
            } else {
                grants.put(query.get("user_id"), permissions);
            }
            respond(exchange, 204, "");
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.registration.url", url, "quarkus.rest-client.authorization.url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new java.util.HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                values.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    public static String sha256(String value) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
