package org.gatehouse.token.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real HTTP stand-in for authorization-service's {@code POST /internal/authorization-codes/redeem}: codes are
 * redeemed at most once (atomically) and only by a request that matches its binding (client, redirect_uri, S256
 * challenge); an expired, unknown or another client's code is 400 {@code invalid_grant}, a mismatch is 400
 * {@code invalid_grant} with {@code mismatch: true} and the code left unused, a redeemed one presented again by its
 * client is 400 {@code invalid_grant} with its {@code code_id}, exactly as the contract says. Like the real one it demands a
 * service JWT from token-service addressed to authorization-service.
 *
 * <p>Test control over HTTP: {@code POST /_fixture/codes} with the binding JSON mints a code and answers
 * {@code {"code","code_id"}}; {@code POST /_fixture/codes/{code}/expire} expires it; {@code .../redeem} redeems it
 * as if another request had. The code {@value #UNAVAILABLE_CODE} makes the double answer 500;
 * {@value #DROPPED_CODE} makes it drop the connection ({@code GET /_fixture/dropped-redemptions} counts those).
 * {@code GET /_fixture/codes/{code}/traceparent} answers the W3C {@code traceparent} header the code's last redemption
 * came with (404 without one).
 *
 * <p>It also answers {@code GET /internal/consents?user_id=&client_id=} as authorization-service does: 200 while the
 * user's consent stands (every pair, unless revoked here), 404 after {@code POST /_fixture/consents/revoke} with
 * {@code {"user_id","client_id"}}; {@code POST /_fixture/consents/down} with {@code true} makes it drop every consent
 * lookup unanswered (as a dead authorization-service), {@code false} ends that; {@code GET /_fixture/consent-lookups}
 * counts the lookups.
 */
public class AuthorizationDouble implements QuarkusTestResourceLifecycleManager {

    public static final String URL_PROPERTY = "quarkus.rest-client.authorization.url";
    public static final String UNAVAILABLE_CODE = "code-that-makes-authorization-service-fail";
    /** The double drops the connection without answering for this code, and counts those redemptions. */
    public static final String DROPPED_CODE = "code-whose-redemption-drops-the-connection";
    private final java.util.concurrent.atomic.AtomicInteger droppedRedemptions = new java.util.concurrent.atomic.AtomicInteger();
    private static final String REDEEM = "/internal/authorization-codes/redeem";
    private static final String FIXTURE_CODES = "/_fixture/codes";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String CONSENTS = "/internal/consents";

    private final Map<String, StoredCode> codes = new ConcurrentHashMap<>();
    private final Map<String, String> redemptionTraceparents = new ConcurrentHashMap<>();
    private final java.util.Set<String> revokedConsents = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean consentsDown = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicInteger consentLookups = new java.util.concurrent.atomic.AtomicInteger();
    private HttpServer server;
    private ExecutorService executor;
    private JwtConsumer serviceTokens;

    @Override
    public Map<String, String> start() {
        serviceTokens = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setExpectedIssuer("token-service")
                .setExpectedAudience("authorization-service")
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setVerificationKey(RegistrationDouble.trustedKeyOf("token-service"))
                .build();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return Map.of(URL_PROPERTY, "http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The user withdraws consent from the client at authorization-service (nothing reaches token-service). */
    public static void revokeConsent(String userId, String clientId) {
        io.restassured.RestAssured.given().contentType("application/json")
                .body(JsonUtil.toJson(Map.of("user_id", userId, "client_id", clientId)))
                .post(url() + "/_fixture/consents/revoke").then().statusCode(204);
    }

    /** While down, consent lookups are dropped unanswered. */
    public static void consentsDown(boolean down) {
        io.restassured.RestAssured.given().body(Boolean.toString(down))
                .post(url() + "/_fixture/consents/down").then().statusCode(204);
    }

    public static int consentLookups() {
        return Integer.parseInt(io.restassured.RestAssured.given().get(url() + "/_fixture/consent-lookups")
                .then().statusCode(200).extract().asString());
    }

    /** The {@code traceparent} token-service sent with its redemption of {@code code}, or null without one. */
    public static String redemptionTraceparent(String code) {
        io.restassured.response.Response response = io.restassured.RestAssured.given()
                .get(url() + FIXTURE_CODES + "/" + code + "/traceparent");
        return response.statusCode() == 200 ? response.asString() : null;
    }

    private static String url() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue(URL_PROPERTY, String.class);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/_fixture/dropped-redemptions") && method.equals("GET")) {
                send(exchange, 200, String.valueOf(droppedRedemptions.get()));
            } else if (path.equals("/_fixture/consent-lookups") && method.equals("GET")) {
                send(exchange, 200, String.valueOf(consentLookups.get()));
            } else if (path.startsWith(FIXTURE_CODES + "/") && path.endsWith("/traceparent")
                    && method.equals("GET")) {
                String traceparent = redemptionTraceparents.get(segment(path));
                send(exchange, traceparent == null ? 404 : 200, traceparent);
            } else if (path.equals(CONSENTS) && method.equals("GET")) {
                consent(exchange);
            } else if (path.equals("/_fixture/consents/revoke") && method.equals("POST")) {
                Map<String, Object> pair = parse(exchange);
                revokedConsents.add(pair.get("user_id") + " " + pair.get("client_id"));
                send(exchange, 204, null);
            } else if (path.equals("/_fixture/consents/down") && method.equals("POST")) {
                consentsDown.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                        .trim().equals("true"));
                send(exchange, 204, null);
            } else if (!method.equals("POST")) {
                send(exchange, 405, error("method_not_allowed", "POST only"));
            } else if (path.equals(REDEEM)) {
                redeem(exchange);
            } else if (path.equals(FIXTURE_CODES)) {
                mint(exchange);
            } else if (path.startsWith(FIXTURE_CODES + "/") && path.endsWith("/expire")) {
                StoredCode code = codes.get(segment(path));
                if (code != null) {
                    code.expired = true;
                }
                send(exchange, code == null ? 404 : 204, null);
            } else if (path.startsWith(FIXTURE_CODES + "/") && path.endsWith("/redeem")) {
                StoredCode code = codes.get(segment(path));
                if (code != null) {
                    code.redeemed.set(true);
                }
                send(exchange, code == null ? 404 : 204, null);
            } else {
                send(exchange, 404, error("not_found", "No such resource"));
            }
        }
    }

    private void consent(HttpExchange exchange) throws IOException {
        consentLookups.incrementAndGet();
        if (consentsDown.get()) {
            // No response header yet: the JDK server drops the connection, as a crashed sibling would.
            exchange.close();
            return;
        }
        if (!fromTokenService(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, error("invalid_token", "A valid service token is required"));
            return;
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : String.valueOf(exchange.getRequestURI().getRawQuery()).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1),
                        StandardCharsets.UTF_8));
            }
        }
        String userId = query.get("user_id");
        String clientId = query.get("client_id");
        if (userId == null || clientId == null) {
            send(exchange, 400, error("invalid_request", "user_id and client_id are required"));
        } else if (revokedConsents.contains(userId + " " + clientId)) {
            send(exchange, 404, error("not_found", "The user has not authorized this client"));
        } else {
            send(exchange, 200, JsonUtil.toJson(Map.of("client_id", clientId, "user_id", userId, "scope", "read")));
        }
    }

    private static Map<String, Object> parse(HttpExchange exchange) throws IOException {
        try {
            return JsonUtil.parseJson(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        } catch (JoseException e) {
            throw new IOException(e);
        }
    }

    private void redeem(HttpExchange exchange) throws IOException {
        if (!fromTokenService(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, error("invalid_token", "A valid service token is required"));
            return;
        }
        Map<String, Object> presented;
        try {
            presented = JsonUtil.parseJson(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
        } catch (JoseException e) {
            send(exchange, 400, error("invalid_request", "Malformed JSON"));
            return;
        }
        Object code = presented.get("code");
        String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
        if (code != null && traceparent != null) {
            redemptionTraceparents.put(code.toString(), traceparent);
        }
        if (DROPPED_CODE.equals(code)) {
            droppedRedemptions.incrementAndGet();
            // No response header yet: the JDK server drops the connection, as a crashed sibling would.
            exchange.close();
            return;
        }
        if (UNAVAILABLE_CODE.equals(code)) {
            send(exchange, 500, error("server_error", "Internal error"));
            return;
        }
        if (!(presented.get("client_id") instanceof String)) {
            send(exchange, 400, error("invalid_request", "client_id is required"));
            return;
        }
        StoredCode stored = code == null ? null : codes.get(code.toString());
        // Another client's code is unknown to this one: neither used up nor a replay.
        if (stored == null || !stored.binding.get("client_id").equals(presented.get("client_id"))) {
            send(exchange, 400, error("invalid_grant", "The authorization code is invalid or expired"));
            return;
        }
        synchronized (stored) {
            String mismatch = mismatch(stored.binding, presented);
            if (stored.redeemed.get()) {
                send(exchange, 400, mismatch != null ? error("invalid_grant", "The authorization code is invalid")
                        : "{\"error\":\"invalid_grant\",\"error_description\":\"The authorization code was "
                        + "already used\",\"code_id\":\"" + stored.codeId + "\"}");
                return;
            }
            if (stored.expired) {
                send(exchange, 400, error("invalid_grant", "The authorization code is invalid or expired"));
                return;
            }
            if (mismatch != null) {
                send(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"" + mismatch
                        + "\",\"mismatch\":true}");
                return;
            }
            stored.redeemed.set(true);
        }
        send(exchange, 200, stored.redemptionJson);
    }

    /** The contract's binding checks, as authorization-service makes them before it uses a code up. */
    private static String mismatch(Map<String, Object> binding, Map<String, Object> presented) {
        Object redirectUri = presented.get("redirect_uri");
        boolean redirectUriInRequest = !Boolean.FALSE.equals(binding.get("redirect_uri_in_request"));
        if (redirectUri == null ? redirectUriInRequest : !redirectUri.equals(binding.get("redirect_uri"))) {
            return "redirect_uri must be the one of the authorization request";
        }
        Object challenge = binding.get("code_challenge");
        Object presentedChallenge = presented.get("code_challenge");
        if (challenge == null) {
            if (presentedChallenge != null) {
                return "code_verifier was sent but the authorization request had no code_challenge";
            }
            return Boolean.TRUE.equals(presented.get("pkce_required")) ? "Public clients must use PKCE" : null;
        }
        if (!"S256".equals(binding.get("code_challenge_method"))) {
            return "The code_challenge_method of the code is not supported";
        }
        if (presentedChallenge == null) {
            return "code_verifier is required";
        }
        return challenge.equals(presentedChallenge) ? null : "code_verifier does not match the code_challenge";
    }

    private boolean fromTokenService(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        try {
            serviceTokens.processToClaims(authorization.substring(7));
            return true;
        } catch (InvalidJwtException e) {
            return false;
        }
    }

    private void mint(HttpExchange exchange) throws IOException {
        Map<String, Object> binding;
        try {
            binding = new LinkedHashMap<>(JsonUtil.parseJson(
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        } catch (JoseException e) {
            send(exchange, 400, error("invalid_request", "Malformed JSON"));
            return;
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String codeId = UUID.randomUUID().toString();
        binding.put("code_id", codeId);
        codes.put(code, new StoredCode(codeId, binding, JsonUtil.toJson(binding)));
        send(exchange, 201, "{\"code\":\"" + code + "\",\"code_id\":\"" + codeId + "\"}");
    }

    private static String segment(String path) {
        String rest = path.substring(FIXTURE_CODES.length() + 1);
        return rest.substring(0, rest.indexOf('/'));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String error(String code, String description) {
        return "{\"error\":\"" + code + "\",\"error_description\":\"" + description + "\"}";
    }

    private static final class StoredCode {
        final String codeId;
        final Map<String, Object> binding;
        final String redemptionJson;
        final AtomicBoolean redeemed = new AtomicBoolean();
        volatile boolean expired;

        StoredCode(String codeId, Map<String, Object> binding, String redemptionJson) {
            this.codeId = codeId;
            this.binding = binding;
            this.redemptionJson = redemptionJson;
        }
    }
}
