package org.gatehouse.authorization.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;
import org.gatehouse.testing.DenylistFeedDouble;
import org.gatehouse.testing.HttpDoubles;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real HTTP stand-ins for the sibling internal APIs this service calls, each checking the caller's service JWT
 * (signature, {@code iss=authorization-service}, {@code aud}= the sibling) as the real services do:
 * <ul>
 *   <li>registration-service: {@code GET /internal/clients/{id}} with {@link TestClients} (400 for an id with a
 *       control character, as the real service answers a NUL PostgreSQL refuses; counted, {@link #clientLookups}),
 *       and {@code POST /internal/accounts/authenticate} with {@link TestAccounts}, recording each check's
 *       {@code client_ip} ({@link #passwordChecks}) and refusing {@link TestAccounts#LOCKED_PREFIX} names with 429
 *       as the real throttle does; {@code GET /internal/accounts/{id}} and {@code PUT /internal/accounts/{id}/profile}
 *       for the accounts signed in through it (a name over 100 characters, a control character or a birthdate of
 *       another shape refused with 400);</li>
 *   <li>token-service: {@code POST /internal/revocations}, recorded; test hooks {@code GET /test/revocations},
 *       {@code POST /test/revocations/fail?on=true|false} (503 to every revocation) and
 *       {@code POST /test/revocations/slow?ms=N} (each revocation answered N ms late, recorded all the same, as a
 *       slow token-service commits what the caller gave up on; 0 ends it) (the tests run in another class loader, so
 *       they talk to the double over HTTP rather than through static fields); {@code GET /internal/revoked-jtis}, the denylist
 *       feed (polled every second here), filled through {@link #revokeAccessToken}.</li>
 * </ul>
 */
public class SiblingServicesResource implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN_URL_PROPERTY = "quarkus.rest-client.token.url";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The profile claims the account page edits, under their JSON names. */
    private static final List<String> PROFILE_CLAIMS = List.of("display_name", "given_name", "family_name",
            "middle_name", "nickname", "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale");
    private static final List<String> TEXT_CLAIMS = List.of("display_name", "given_name", "family_name",
            "middle_name", "nickname", "gender");

    private HttpServer registration;
    private HttpServer token;
    private final List<String> revocations = new ArrayList<>();
    private final AtomicBoolean failRevocations = new AtomicBoolean();
    private final AtomicLong slowRevocationsMillis = new AtomicLong();
    /** The accounts signed in through the double, by id, with the names set through it. */
    private final Map<String, ObjectNode> accounts = new java.util.concurrent.ConcurrentHashMap<>();
    /** How many client lookups registration-service was asked for. */
    private final AtomicLong clientLookups = new AtomicLong();
    /** The client IPs of the password checks asked for, by username. */
    private final Map<String, List<String>> passwordChecks = new HashMap<>();

    @Override
    public Map<String, String> start() {
        PublicKey callerKey = authorizationServiceKey();
        registration = server();
        registration.createContext("/internal/clients/", exchange -> {
            if (!authorized(exchange, callerKey, "registration-service")) {
                return;
            }
            String id = URLDecoder.decode(exchange.getRequestURI().getRawPath()
                    .substring("/internal/clients/".length()), StandardCharsets.UTF_8);
            clientLookups.incrementAndGet();
            String client = TestClients.json(id);
            if (id.chars().anyMatch(c -> c < 0x20)) {
                // As registration-service answers a value PostgreSQL cannot take (a NUL): the caller's mistake.
                HttpDoubles.respond(exchange, 400, "{\"error\":\"invalid_request\",\"error_description\":"
                        + "\"The request contains a character or value that is not allowed\"}");
            } else if (client == null) {
                HttpDoubles.respond(exchange, 404, "{\"error\":\"not_found\",\"error_description\":\"No such client\"}");
            } else {
                HttpDoubles.respond(exchange, 200, client);
            }
        });
        registration.createContext("/internal/accounts/authenticate", exchange -> {
            if (!authorized(exchange, callerKey, "registration-service")) {
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            String username = body.path("username").asText(null);
            synchronized (passwordChecks) {
                passwordChecks.computeIfAbsent(String.valueOf(username), u -> new ArrayList<>())
                        .add(body.path("client_ip").asText(null));
            }
            if (username != null && username.startsWith(TestAccounts.LOCKED_PREFIX)) {
                // As registration-service refuses an attempt once the account's failures are used up.
                exchange.getResponseHeaders().add("Retry-After", "600");
                exchange.getResponseHeaders().add("RateLimit-Limit", "10");
                exchange.getResponseHeaders().add("RateLimit-Remaining", "0");
                exchange.getResponseHeaders().add("RateLimit-Reset", "600");
                HttpDoubles.respond(exchange, 429, "{\"error\":\"rate_limited\",\"error_description\":"
                        + "\"Too many failed attempts; retry later\"}");
                return;
            }
            if (username != null && username.startsWith(TestAccounts.BUSY_PREFIX)) {
                // As registration-service refuses a check it could not do in time (no hashing slot, a slow hash).
                exchange.getResponseHeaders().add("Retry-After", "2");
                HttpDoubles.respond(exchange, 429, "{\"error\":\"rate_limited\",\"error_description\":"
                        + "\"Too many sign-ins at once; retry shortly\"}");
                return;
            }
            String account = TestAccounts.authenticate(username, body.path("password").asText(null));
            if (account == null) {
                HttpDoubles.respond(exchange, 401, "{\"error\":\"invalid_grant\",\"error_description\":\"Wrong username or password\"}");
            } else {
                accounts.putIfAbsent(TestAccounts.idOf(username), (ObjectNode) JSON.readTree(account));
                HttpDoubles.respond(exchange, 200, account);
            }
        });
        registration.createContext("/internal/accounts/", exchange -> {
            if (!authorized(exchange, callerKey, "registration-service")) {
                return;
            }
            String[] path = exchange.getRequestURI().getRawPath().substring("/internal/accounts/".length()).split("/");
            ObjectNode account = accounts.get(path[0]);
            if (account == null) {
                HttpDoubles.respond(exchange, 404, "{\"error\":\"not_found\",\"error_description\":\"No account has this id\"}");
                return;
            }
            if ("PUT".equals(exchange.getRequestMethod()) && path.length == 2 && "profile".equals(path[1])) {
                JsonNode claims = JSON.readTree(exchange.getRequestBody());
                for (String field : PROFILE_CLAIMS) {
                    // As registration-service's AccountValidator refuses them (a few of its rules).
                    String value = claims.path(field).asText("").strip();
                    String refused = value.chars().anyMatch(Character::isISOControl)
                            ? " must not contain control characters"
                            : TEXT_CLAIMS.contains(field) && value.length() > 100 ? " must be at most 100 characters long"
                            : "birthdate".equals(field) && !value.matches("([0-9]{4}(-[0-9]{2}-[0-9]{2})?)?")
                            ? " must be a date as YYYY-MM-DD, 0000-MM-DD (year withheld) or YYYY" : null;
                    if (refused != null) {
                        HttpDoubles.respond(exchange, 400, "{\"error\":\"invalid_request\",\"error_description\":\""
                                + field + refused + "\"}");
                        return;
                    }
                }
                for (String field : PROFILE_CLAIMS) {
                    String value = claims.path(field).asText("").strip();
                    account.put(field, value.isEmpty() ? null : value);
                }
            }
            HttpDoubles.respond(exchange, 200, JSON.writeValueAsString(account));
        });
        registration.createContext("/test/client-lookups", exchange ->
                HttpDoubles.respond(exchange, 200, Long.toString(clientLookups.get())));
        registration.createContext("/test/password-checks", exchange -> {
            String username = URLDecoder.decode(exchange.getRequestURI().getRawQuery().substring("username=".length()),
                    StandardCharsets.UTF_8);
            synchronized (passwordChecks) {
                HttpDoubles.respond(exchange, 200,
                        JSON.writeValueAsString(passwordChecks.getOrDefault(username, List.of())));
            }
        });
        registration.start();

        token = server();
        token.createContext("/internal/revocations", exchange -> {
            if (!authorized(exchange, callerKey, "token-service")) {
                return;
            }
            if (failRevocations.get()) {
                HttpDoubles.respond(exchange, 503, "{\"error\":\"temporarily_unavailable\"}");
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            long late = slowRevocationsMillis.get();
            if (late > 0) {
                try {
                    Thread.sleep(late);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (revocations) {
                revocations.add(body.path("user_id").asText() + " " + body.path("client_id").asText());
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        token.createContext("/test/revocations", exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("/fail")) {
                failRevocations.set(exchange.getRequestURI().getQuery().contains("on=true"));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
                return;
            }
            if (exchange.getRequestURI().getPath().endsWith("/slow")) {
                slowRevocationsMillis.set(Long.parseLong(exchange.getRequestURI().getQuery().substring("ms=".length())));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
                return;
            }
            synchronized (revocations) {
                HttpDoubles.respond(exchange, 200, JSON.writeValueAsString(revocations));
            }
        });
        new DenylistFeedDouble().mount(token, "/test/revoked-jtis",
                exchange -> authorized(exchange, callerKey, "token-service"));
        token.start();
        return Map.of(
                "quarkus.rest-client.registration.url", url(registration),
                TOKEN_URL_PROPERTY, url(token),
                "gatehouse.revocation-poll-interval", "1s",
                "authorization.trusted-clients", TestClients.SINGLE);
    }

    /**
     * The client IPs of the password checks registration-service was asked for {@code username}, in order (one
     * entry per check; its test hook {@code GET /test/password-checks?username=}).
     */
    public static List<String> passwordChecks(String username) {
        return RestAssured.given()
                .baseUri(ConfigProvider.getConfig().getValue("quarkus.rest-client.registration.url", String.class))
                .queryParam("username", username)
                .get("/test/password-checks").then().statusCode(200).extract().jsonPath().getList("$", String.class);
    }

    /** How many client lookups registration-service was asked for so far (its test hook {@code GET /test/client-lookups}). */
    public static long clientLookups() {
        return Long.parseLong(RestAssured.given()
                .baseUri(ConfigProvider.getConfig().getValue("quarkus.rest-client.registration.url", String.class))
                .get("/test/client-lookups").then().statusCode(200).extract().asString());
    }

    /** Puts an access token's {@code jti} on token-service's denylist, as a revocation there would. */
    public static void revokeAccessToken(String jti) {
        RestAssured.given().baseUri(ConfigProvider.getConfig().getValue(TOKEN_URL_PROPERTY, String.class))
                .post("/test/revoked-jtis?jti=" + jti).then().statusCode(204);
    }

    @Override
    public void stop() {
        if (registration != null) {
            registration.stop(0);
        }
        if (token != null) {
            token.stop(0);
        }
    }

    /** The real services refuse a token not signed by a trusted sibling or not naming them as audience. */
    private static boolean authorized(HttpExchange exchange, PublicKey callerKey, String audience) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            HttpDoubles.respond(exchange, 401, "{\"error\":\"invalid_token\",\"error_description\":\"A service token is required\"}");
            return false;
        }
        try {
            new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setExpectedAudience(audience)
                    .setExpectedIssuer("authorization-service")
                    .setVerificationKey(callerKey)
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                    .build()
                    .process(header.substring(7));
            return true;
        } catch (InvalidJwtException e) {
            HttpDoubles.respond(exchange, 401, "{\"error\":\"invalid_token\",\"error_description\":\"The service token is invalid\"}");
            return false;
        }
    }

    private static HttpServer server() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** authorization-service's public key as its siblings trust it (platform-test's test key material). */
    private static PublicKey authorizationServiceKey() {
        Properties properties = new Properties();
        try (InputStream in = SiblingServicesResource.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String entry : properties.getProperty("gatehouse.service-auth.trusted-keys").split(",")) {
            if (entry.startsWith("authorization-service:")) {
                try {
                    byte[] der = Base64.getDecoder().decode(entry.substring(entry.indexOf(':') + 1).trim());
                    return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
                } catch (Exception e) {
                    throw new IllegalStateException("Test key of authorization-service is unreadable", e);
                }
            }
        }
        throw new IllegalStateException("No trusted key for authorization-service in the test configuration");
    }

    static String uuidFor(String name) {
        return UUID.nameUUIDFromBytes(("user:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
