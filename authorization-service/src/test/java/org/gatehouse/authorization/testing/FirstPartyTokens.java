package org.gatehouse.authorization.testing;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import org.gatehouse.common.permission.Permissions;
import org.gatehouse.testing.TestTokens;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Bearer tokens for the settings APIs, as token-service issues them for {@code /authenticate} and {@code /refresh}. */
public final class FirstPartyTokens {

    private FirstPartyTokens() {
    }

    /** {@code Authorization} value of a first-party token for the test account {@code username}. */
    public static String bearerFor(String username) {
        return "Bearer " + TestTokens.sign(TestTokens.accessToken(TestAccounts.idOf(username),
                Permissions.FIRST_PARTY_CLIENT_ID, Permissions.format(Permissions.FIRST_PARTY_SCOPES)));
    }

    /** A token an app got through OAuth for the same user: valid, but not first-party. */
    public static String appBearerFor(String username, String clientId) {
        return "Bearer " + TestTokens.sign(TestTokens.accessToken(TestAccounts.idOf(username), clientId, "read"));
    }

    /** A first-party token's claims signed as an ID token ({@code typ: JWT}): must not pass as an access token. */
    public static String idTokenTypedBearerFor(String username) {
        try {
            Properties keys = new Properties();
            try (InputStream in = FirstPartyTokens.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
                keys.load(in);
            }
            return "Bearer " + TestTokens.accessToken(TestAccounts.idOf(username), Permissions.FIRST_PARTY_CLIENT_ID,
                            "openid profile")
                    .jws().keyId(TestTokens.KEY_ID).header("typ", "JWT").algorithm(SignatureAlgorithm.ES256)
                    .sign(KeyUtils.decodePrivateKey(keys.getProperty("gatehouse.test.access-token-private-key"),
                            SignatureAlgorithm.ES256));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
