package org.gatehouse.testing;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

/** Mints tokens with the test-only keys of {@code META-INF/microprofile-config.properties}. */
public final class TestTokens {

    public static final String ISSUER = "http://localhost:8080";
    public static final String KEY_ID = "test-key";

    private static final Properties KEYS = load();

    private TestTokens() {
    }

    /** An RFC 9068 access token as token-service would issue it; adjust claims before signing. */
    public static JwtClaimsBuilder accessToken(String subject, String clientId, String scope) {
        long now = Instant.now().getEpochSecond();
        return Jwt.issuer(ISSUER).subject(subject).audience(ISSUER)
                .claim("client_id", clientId).claim("scope", scope)
                .issuedAt(now).expiresAt(now + 300).claim("jti", UUID.randomUUID().toString());
    }

    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(KEY_ID).header("typ", "at+jwt")
                .algorithm(SignatureAlgorithm.ES256).sign(key("gatehouse.test.access-token-private-key"));
    }

    /**
     * A UserInfo JWT as token-service's double signs it: the claims asked for, {@code aud} = the client, signed with
     * the test access-token key (ES256), the requested algorithm echoed in the header {@code requested_alg} so a test
     * sees what the caller asked for.
     */
    static String signUserInfo(jakarta.json.JsonObject claims, String clientId, String requestedAlg) {
        return Jwt.claims(claims).issuer(ISSUER).audience(clientId).jws().keyId(KEY_ID)
                .header("requested_alg", requestedAlg)
                .algorithm(SignatureAlgorithm.ES256).sign(key("gatehouse.test.access-token-private-key"));
    }

    /** The {@code Authorization} value a sibling service would send to {@code callee}'s internal API. */
    public static String serviceAuthorization(String caller, String callee) {
        long now = Instant.now().getEpochSecond();
        return "Bearer " + Jwt.issuer(caller).subject(caller).audience(callee).issuedAt(now).expiresAt(now + 60)
                .jws().algorithm(SignatureAlgorithm.ES256).sign(key("gatehouse.service-auth.private-key"));
    }

    static String property(String name) {
        return KEYS.getProperty(name);
    }

    private static PrivateKey key(String property) {
        try {
            return KeyUtils.decodePrivateKey(KEYS.getProperty(property), SignatureAlgorithm.ES256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Properties load() {
        try (InputStream in = TestTokens.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
