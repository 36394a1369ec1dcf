package org.gatehouse.registration.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.gatehouse.testing.HttpDoubles.respond;

/**
 * Stands in for authorization-service's {@code GET /internal/sessions/current} (the endpoint the developer pages
 * need, see README): answers 200 {@code {"user_id","username"}} for a session value made by {@link #sessionFor},
 * 404 for any other, 500 for {@link #UNAVAILABLE}, and 401 unless the call carries registration-service's service
 * JWT for authorization-service. Sessions are encoded in their value, so the double keeps no state shared with the
 * tests (Quarkus loads test resources in another class loader).
 */
public class AuthorizationServiceDouble implements QuarkusTestResourceLifecycleManager {

    /** A session value the double answers 500 for, as if authorization-service were failing. */
    public static final String UNAVAILABLE = "session-lookup-fails-0000";
    private static final String PREFIX = "sess-";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private HttpServer server;

    /** The {@code gatehouse_session} cookie value of a live session of {@code userId}. */
    public static String sessionFor(UUID userId, String username) {
        return PREFIX + BASE64URL.encodeToString((userId + ":" + username).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Map<String, String> start() {
        JwtConsumer serviceTokens = new JwtConsumerBuilder()
                .setVerificationKey(registrationServiceKey())
                .setExpectedIssuer("registration-service")
                .setExpectedAudience("authorization-service")
                .setRequireExpirationTime()
                .build();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/sessions/current", exchange -> {
            try (exchange) {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                try {
                    if (authorization == null || !authorization.startsWith("Bearer ")) {
                        throw new IllegalArgumentException("no bearer");
                    }
                    serviceTokens.process(authorization.substring(7));
                } catch (InvalidJwtException | IllegalArgumentException e) {
                    respond(exchange, 401, "{\"error\":\"invalid_token\"}");
                    return;
                }
                String session = exchange.getRequestHeaders().getFirst("X-Session");
                if (UNAVAILABLE.equals(session)) {
                    respond(exchange, 500, "{\"error\":\"server_error\"}");
                    return;
                }
                String[] user = decode(session);
                if (user == null) {
                    respond(exchange, 404, "{\"error\":\"not_found\",\"error_description\":\"No live session\"}");
                    return;
                }
                respond(exchange, 200, "{\"user_id\":\"" + user[0] + "\",\"username\":\"" + user[1] + "\"}");
            }
        });
        server.start();
        return Map.of("quarkus.rest-client.authorization.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String[] decode(String session) {
        if (session == null || !session.startsWith(PREFIX)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(session.substring(PREFIX.length())),
                    StandardCharsets.UTF_8);
            String[] parts = decoded.split(":", 2);
            return parts.length == 2 ? parts : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static PublicKey registrationServiceKey() {
        try (InputStream in = AuthorizationServiceDouble.class
                .getResourceAsStream("/META-INF/microprofile-config.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            for (String entry : properties.getProperty("gatehouse.service-auth.trusted-keys").split(",")) {
                String[] nameAndKey = entry.strip().split(":", 2);
                if (nameAndKey[0].equals("registration-service")) {
                    return KeyUtils.decodePublicKey(nameAndKey[1], SignatureAlgorithm.ES256);
                }
            }
            throw new IllegalStateException("No trusted key for registration-service in platform-test's config");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
