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
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP stand-in for registration-service's internal API, so tests exercise the real rest client,
 * its timeouts and the cache. Like the real one it refuses calls without a service JWT from token-service
 * addressed to registration-service.
 *
 * <p>Accounts: {@code POST /internal/accounts/authenticate} knows the {@link TestAccounts} by
 * {@code user_key} or {@code username}; wrong or unknown credentials get 401 {@code invalid_grant} like the real one,
 * and keys starting {@link #LOCKED_KEY_PREFIX} get 429 with {@code Retry-After: 600}, as the real one answers once an
 * account's failures are used up; {@code GET /_fixture/client-ips/{key}} tells the {@code client_ip} last sent for a
 * key.
 *
 * <p>Test control (over HTTP, since tests may run in another class loader than this resource):
 * {@code PUT/DELETE /_fixture/clients/{id}} adds or removes a client, {@code GET /_fixture/calls/{id}} counts
 * the lookups of a client, {@code POST /_fixture/accounts-down} / {@code accounts-up} makes account
 * authentication answer 500 or work again. Faults: {@code POST /_fixture/drop/{id}?times=N} makes the next N lookups
 * of a client drop the connection without an answer; {@code POST /_fixture/clients-down} / {@code clients-up} makes
 * every client lookup do so until further notice (a dead sibling).
 *
 * <p>It also plays the client's own web server for {@code private_key_jwt}: {@code PUT /_fixture/jwks/{name}} stores
 * a JWK Set that {@code GET /jwks/{name}} serves (a client's {@code jwks_uri}); {@code GET /_fixture/jwks-calls/{name}}
 * counts those fetches.
 */
public class RegistrationDouble implements QuarkusTestResourceLifecycleManager {

    public static final String URL_PROPERTY = "quarkus.rest-client.registration.url";
    private static final String CLIENTS = "/internal/clients/";
    private static final String FIXTURE_CLIENTS = "/_fixture/clients/";
    private static final String FIXTURE_CALLS = "/_fixture/calls/";
    private static final String FIXTURE_CLIENT_IPS = "/_fixture/client-ips/";
    /** User keys the account check refuses with 429, as registration-service once a key's failures are used up. */
    public static final String LOCKED_KEY_PREFIX = "uk_locked_";
    private static final String ACCOUNTS_AUTHENTICATE = "/internal/accounts/authenticate";
    private static final String FIXTURE_DROP = "/_fixture/drop/";
    private static final String FIXTURE_JWKS = "/_fixture/jwks/";
    private static final String FIXTURE_JWKS_CALLS = "/_fixture/jwks-calls/";
    public static final String JWKS = "/jwks/";

    private final Map<String, String> clients = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> drops = new ConcurrentHashMap<>();
    private final Map<String, String> jwkSets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> jwksCalls = new ConcurrentHashMap<>();
    /** The client_ip of the last account check per user key. */
    private final Map<String, String> clientIps = new ConcurrentHashMap<>();
    private volatile boolean accountsDown;
    private volatile boolean clientsDown;
    private HttpServer server;
    private ExecutorService executor;
    private JwtConsumer serviceTokens;

    @Override
    public Map<String, String> start() {
        serviceTokens = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setExpectedIssuer("token-service")
                .setExpectedAudience("registration-service")
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setVerificationKey(trustedKeyOf("token-service"))
                .build();
        TestClients.fixtures().forEach(client -> clients.put(client.clientId(), client.json()));
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
            if (path.equals(ACCOUNTS_AUTHENTICATE) && method.equals("POST")) {
                authenticateAccount(exchange);
            } else if (path.equals("/_fixture/accounts-down") && method.equals("POST")) {
                accountsDown = true;
                send(exchange, 204, null);
            } else if (path.equals("/_fixture/accounts-up") && method.equals("POST")) {
                accountsDown = false;
                send(exchange, 204, null);
            } else if (path.equals("/_fixture/clients-down") && method.equals("POST")) {
                clientsDown = true;
                send(exchange, 204, null);
            } else if (path.equals("/_fixture/clients-up") && method.equals("POST")) {
                clientsDown = false;
                send(exchange, 204, null);
            } else if (path.startsWith(FIXTURE_DROP) && method.equals("POST")) {
                String query = exchange.getRequestURI().getQuery();
                int times = query != null && query.startsWith("times=") ? Integer.parseInt(query.substring(6)) : 1;
                drops.put(decode(path.substring(FIXTURE_DROP.length())), new AtomicInteger(times));
                send(exchange, 204, null);
            } else if (path.startsWith(FIXTURE_JWKS) && method.equals("PUT")) {
                jwkSets.put(decode(path.substring(FIXTURE_JWKS.length())),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                send(exchange, 204, null);
            } else if (path.startsWith(FIXTURE_JWKS_CALLS) && method.equals("GET")) {
                AtomicInteger count = jwksCalls.get(decode(path.substring(FIXTURE_JWKS_CALLS.length())));
                send(exchange, 200, String.valueOf(count == null ? 0 : count.get()));
            } else if (path.startsWith(JWKS) && method.equals("GET")) {
                String name = decode(path.substring(JWKS.length()));
                jwksCalls.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                String set = jwkSets.get(name);
                send(exchange, set == null ? 404 : 200, set == null ? error("not_found", "No such key set") : set);
            } else if (path.startsWith(CLIENTS) && method.equals("GET")) {
                lookup(exchange, decode(path.substring(CLIENTS.length())));
            } else if (path.startsWith(FIXTURE_CLIENTS) && method.equals("PUT")) {
                clients.put(decode(path.substring(FIXTURE_CLIENTS.length())),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                send(exchange, 204, null);
            } else if (path.startsWith(FIXTURE_CLIENTS) && method.equals("DELETE")) {
                clients.remove(decode(path.substring(FIXTURE_CLIENTS.length())));
                send(exchange, 204, null);
            } else if (path.startsWith(FIXTURE_CLIENT_IPS) && method.equals("GET")) {
                send(exchange, 200, clientIps.getOrDefault(decode(path.substring(FIXTURE_CLIENT_IPS.length())), ""));
            } else if (path.startsWith(FIXTURE_CALLS) && method.equals("GET")) {
                AtomicInteger count = calls.get(decode(path.substring(FIXTURE_CALLS.length())));
                send(exchange, 200, String.valueOf(count == null ? 0 : count.get()));
            } else {
                send(exchange, 404, error("not_found", "No such resource"));
            }
        }
    }

    private void authenticateAccount(HttpExchange exchange) throws IOException {
        if (!serviceCallerVerified(exchange)) {
            return;
        }
        if (accountsDown) {
            send(exchange, 500, error("server_error", "Internal error"));
            return;
        }
        Map<String, Object> body;
        try {
            body = JsonUtil.parseJson(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        } catch (JoseException e) {
            send(exchange, 400, error("invalid_request", "Malformed JSON"));
            return;
        }
        Object key = body.containsKey("user_key") ? body.get("user_key") : body.get("username");
        Object password = body.get("password");
        if (key != null && body.get("client_ip") != null) {
            clientIps.put(key.toString(), body.get("client_ip").toString());
        }
        if (key != null && key.toString().startsWith(LOCKED_KEY_PREFIX)) {
            exchange.getResponseHeaders().add("Retry-After", "600");
            exchange.getResponseHeaders().add("RateLimit-Limit", "10");
            exchange.getResponseHeaders().add("RateLimit-Remaining", "0");
            exchange.getResponseHeaders().add("RateLimit-Reset", "600");
            send(exchange, 429, error("rate_limited", "Too many failed attempts; retry later"));
            return;
        }
        for (TestAccounts account : TestAccounts.all()) {
            boolean known = account.userKey().equals(key) || account.username().equals(key);
            if (known && account.secret().equals(password)) {
                send(exchange, 200, account.json());
                return;
            }
        }
        send(exchange, 401, "{\"error\":\"invalid_grant\"}");
    }

    /** Like the real service: a service JWT from token-service addressed to registration-service, else 401. */
    private boolean serviceCallerVerified(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            send(exchange, 401, error("invalid_token", "A service token is required"));
            return false;
        }
        try {
            serviceTokens.processToClaims(authorization.substring(7));
            return true;
        } catch (InvalidJwtException e) {
            send(exchange, 401, error("invalid_token", "The service token is invalid"));
            return false;
        }
    }

    private void lookup(HttpExchange exchange, String clientId) throws IOException {
        calls.computeIfAbsent(clientId, id -> new AtomicInteger()).incrementAndGet();
        AtomicInteger pendingDrops = drops.get(clientId);
        if (clientsDown || (pendingDrops != null && pendingDrops.getAndDecrement() > 0)) {
            // Closing before any response header makes the JDK server drop the connection: a transport failure.
            exchange.close();
            return;
        }
        if (!serviceCallerVerified(exchange)) {
            return;
        }
        if (clientId.equals(TestClients.FAILING_ID)) {
            send(exchange, 500, error("server_error", "Internal error"));
            return;
        }
        if (clientId.chars().anyMatch(c -> c < 0x20)) {
            // As registration-service answers a value PostgreSQL cannot take (a NUL): the caller's mistake.
            send(exchange, 400, error("invalid_request", "The request contains a character that is not allowed"));
            return;
        }
        if (clientId.equals(TestClients.SLOW_ID)) {
            try {
                Thread.sleep(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String client = clients.get(clientId);
        if (client == null) {
            send(exchange, 404, error("not_found", "No such client"));
        } else {
            send(exchange, 200, client);
        }
    }

    /** Percent-decodes one path segment; unlike form decoding, '+' stays '+'. */
    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
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

    /** The public key platform-test hands every service for {@code service} in tests. */
    static PublicKey trustedKeyOf(String service) {
        Properties properties = new Properties();
        try (InputStream in = RegistrationDouble.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String entry : properties.getProperty("gatehouse.service-auth.trusted-keys").split(",")) {
            if (entry.startsWith(service + ":")) {
                try {
                    byte[] der = Base64.getDecoder().decode(entry.substring(service.length() + 1).trim());
                    return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
                } catch (java.security.GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("No test key for " + service);
    }
}
