package org.gatehouse.token.issue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gatehouse.common.audit.AuditLog;
import org.gatehouse.token.config.TokenConfig;
import org.gatehouse.token.repository.SigningKeyRepository;
import org.gatehouse.token.support.AccessTokens;
import org.gatehouse.token.support.TestSigningKeys;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.keys.AesKey;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signing keys against the real database: encrypted at rest, shared by replicas, reloaded. */
@QuarkusTest
class SigningKeysTest {

    @Inject
    SigningKeys signingKeys;

    @Inject
    SigningKeyRepository repository;

    @Inject
    TokenConfig config;

    @Inject
    AccessTokenIssuer issuer;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditLog audit;

    @ConfigProperty(name = "token.key-encryption-key")
    String keyEncryptionKey;

    @Test
    void startWhenKeyCreatedThenPrivateHalfStoredOnlyAsJweUnderTheKek() throws Exception {
        Map<String, String> row = activeRow();
        String privateJwe = row.get("private_jwe");

        assertEquals(5, privateJwe.split("\\.", -1).length, "compact JWE");
        Map<String, Object> header = JsonUtil.parseJson(new String(
                Base64.getUrlDecoder().decode(privateJwe.substring(0, privateJwe.indexOf('.')))));
        assertEquals("dir", header.get("alg"));
        assertEquals("A256GCM", header.get("enc"));

        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setCompactSerialization(privateJwe);
        jwe.setKey(new AesKey(Base64.getDecoder().decode(keyEncryptionKey)));
        Map<String, Object> privateJwk = JsonUtil.parseJson(jwe.getPlaintextString());
        String d = (String) privateJwk.get("d");

        assertTrue(d != null && !d.isEmpty(), "the JWE holds the private key");
        assertEquals(row.get("kid"), privateJwk.get("kid"));
        assertFalse(privateJwe.contains(d), "the private value never appears in clear");
        assertFalse(row.get("public_jwk").contains("\"d\""), "the public JWK has no private member");
        assertEquals("ES256", row.get("algorithm"));
    }

    @Test
    void startWhenActiveKeyExistsThenRestartedReplicaLoadsTheSameKey() throws Exception {
        int keysBefore = count("SELECT count(*) FROM token.signing_key");

        SigningKeys restarted = replica();

        assertEquals(signingKeys.activeKid(), restarted.activeKid());
        assertEquals(signingKeys.publishedKids(), restarted.publishedKids());
        assertEquals(keysBefore, count("SELECT count(*) FROM token.signing_key"), "no key was created");
    }

    @Test
    void reloadWhenAnotherReplicaChangedKeysThenJwksFollowsAndExpiredRetiredKeysAreLeftOut() throws Exception {
        String retired = "other-replica-" + System.nanoTime();
        String expired = "expired-" + System.nanoTime();
        insertRetired(retired, Instant.now().plusSeconds(3600));
        insertRetired(expired, Instant.now().minusSeconds(1));
        try {
            assertFalse(given().get("/oauth/jwks").asString().contains(retired));

            signingKeys.reload();

            String jwks = given().get("/oauth/jwks").asString();
            assertTrue(jwks.contains(retired), "a RETIRED key stays published until its unpublish_at");
            assertFalse(jwks.contains(expired), "a RETIRED key past its unpublish_at is left out before its removal");
            assertNotEquals(retired, signingKeys.activeKid().orElseThrow(), "a RETIRED key is published, not used");
        } finally {
            execute("DELETE FROM token.signing_key WHERE kid IN (?, ?)", retired, expired);
            signingKeys.reload();
        }
    }

    @Test
    void startWhenReplicasStartTogetherWithoutKeysThenExactlyOneActiveAndOneNextKeyAreCreated() throws Exception {
        String before = signingKeys.activeKid().orElseThrow();
        String tokenOfOldKey = issuer.issue("subject", "client", Set.of("read")).value();
        Set<String> kidsBefore = TestSigningKeys.statuses(dataSource).keySet();
        // Simulate an empty key table for new replicas while keeping the old keys published.
        execute("UPDATE token.signing_key SET status = 'RETIRED', retired_at = now(), "
                + "unpublish_at = now() + interval '2 hours', activate_at = NULL WHERE status IN ('ACTIVE', 'NEXT')");

        ExecutorService replicas = Executors.newFixedThreadPool(4);
        List<Future<String>> started = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Callable<String> replica = () -> {
                    SigningKeys keys = replica();
                    return keys.activeKid().orElseThrow();
                };
                started.add(replicas.submit(replica));
            }
            String created = started.get(0).get();
            for (Future<String> replica : started) {
                assertEquals(created, replica.get(), "every replica agrees on the one new key");
            }
            assertNotEquals(before, created);
            for (String algorithm : List.of("ES256", "RS256")) {
                assertEquals(1, count("SELECT count(*) FROM token.signing_key WHERE status = 'ACTIVE' AND algorithm = '"
                        + algorithm + "'"));
                assertEquals(1, count("SELECT count(*) FROM token.signing_key WHERE status = 'NEXT' AND algorithm = '"
                        + algorithm + "'"));
            }
            Set<String> kidsAfter = new HashSet<>(TestSigningKeys.statuses(dataSource).keySet());
            kidsAfter.removeAll(kidsBefore);
            assertEquals(4, kidsAfter.size(), "one ACTIVE and one NEXT key per ring were created, no more: "
                    + kidsAfter);
        } finally {
            replicas.shutdownNow();
        }

        signingKeys.reload();
        String tokenOfNewKey = issuer.issue("subject", "client", Set.of("read")).value();
        // Tokens of the retired key still verify: it stays published.
        AccessTokens.verify(tokenOfOldKey);
        assertNotEquals(before, AccessTokens.verify(tokenOfNewKey).getJoseObjects().get(0).getKeyIdHeaderValue());
    }

    private Map<String, String> activeRow() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT kid, algorithm, public_jwk, private_jwe FROM token.signing_key "
                             + "WHERE status = 'ACTIVE' AND algorithm = 'ES256'");
             ResultSet result = statement.executeQuery()) {
            assertTrue(result.next());
            return Map.of("kid", result.getString(1), "algorithm", result.getString(2),
                    "public_jwk", result.getString(3), "private_jwe", result.getString(4));
        }
    }

    /** A second token-service replica against the same database: its own key view and rotation, started. */
    private SigningKeys replica() {
        SigningKeys keys = new SigningKeys(repository, config);
        new SigningKeyRotation(repository, new SigningKeyGenerator(config), keys, audit, config).start();
        return keys;
    }

    private void insertRetired(String kid, Instant unpublishAt) throws Exception {
        TestSigningKeys.insertRetired(dataSource, keyEncryptionKey, kid, unpublishAt);
    }

    private void execute(String sql, String... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private int count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getInt(1);
        }
    }
}
