package org.gatehouse.registration.testing;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import org.gatehouse.testing.TestTokens;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Properties;

/** Broken access tokens, each wrong in exactly one way, next to {@link TestTokens}' valid ones. */
public final class TestAccessTokens {

    private TestAccessTokens() {
    }

    public static String valid(String clientId, String scope) {
        return TestTokens.sign(TestTokens.accessToken("user-1", clientId, scope));
    }

    /** Signed with the right key but a header {@code typ} other than at+jwt ({@code null}: no typ at all). */
    public static String withType(JwtClaimsBuilder claims, String type) {
        var jws = claims.jws().keyId("test-key").algorithm(SignatureAlgorithm.ES256);
        if (type != null) {
            jws.header("typ", type);
        }
        return jws.sign(testPrivateKey());
    }

    /** Right kid and typ, signed by a key nobody published. */
    public static String signedByStranger(JwtClaimsBuilder claims) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            PrivateKey stranger = generator.generateKeyPair().getPrivate();
            return claims.jws().keyId("test-key").header("typ", "at+jwt").algorithm(SignatureAlgorithm.ES256)
                    .sign(stranger);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The payload of a valid token under an {@code alg: none} header with an empty signature. */
    public static String unsigned(String validToken) {
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"test-key\"}");
        return header + "." + validToken.split("\\.")[1] + ".";
    }

    /** A valid token whose payload was edited after signing. */
    public static String tampered(String validToken, String from, String to) {
        String[] parts = validToken.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        if (!payload.contains(from)) {
            throw new IllegalArgumentException("payload has no " + from);
        }
        return parts[0] + "." + base64Url(payload.replace(from, to)) + "." + parts[2];
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static PrivateKey testPrivateKey() {
        try (InputStream in = TestAccessTokens.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return KeyUtils.decodePrivateKey(properties.getProperty("gatehouse.test.access-token-private-key"),
                    SignatureAlgorithm.ES256);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
