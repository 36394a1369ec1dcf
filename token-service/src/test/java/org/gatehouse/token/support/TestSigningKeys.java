package org.gatehouse.token.support;

import io.agroal.api.AgroalDataSource;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.keys.AesKey;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Lets time pass for signing keys without a fake clock: every timestamp of every key row moves into the past, so the
 * code under test runs with the real {@code Instant.now()} (as token expiry checks do).
 */
public final class TestSigningKeys {

    private TestSigningKeys() {
    }

    public static void age(AgroalDataSource dataSource, Duration by) throws SQLException {
        String shift = " - make_interval(secs => ?)";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("UPDATE token.signing_key SET "
                     + "created_at = created_at" + shift + ", activated_at = activated_at" + shift
                     + ", activate_at = activate_at" + shift + ", retired_at = retired_at" + shift
                     + ", unpublish_at = unpublish_at" + shift)) {
            for (int i = 1; i <= 5; i++) {
                statement.setDouble(i, by.toSeconds());
            }
            statement.executeUpdate();
        }
    }

    /** kid → status of every row. */
    public static Map<String, String> statuses(AgroalDataSource dataSource) throws SQLException {
        Map<String, String> statuses = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT kid, status FROM token.signing_key");
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                statuses.put(result.getString(1), result.getString(2));
            }
        }
        return statuses;
    }

    /** The kid in that state of the access tokens' (ES256) ring. */
    public static String kidWithStatus(AgroalDataSource dataSource, String status) throws SQLException {
        return kidWithStatus(dataSource, status, "ES256");
    }

    public static String kidWithStatus(AgroalDataSource dataSource, String status, String algorithm)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT kid FROM token.signing_key WHERE status = ? AND algorithm = ?")) {
            statement.setString(1, status);
            statement.setString(2, algorithm);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    throw new AssertionError("no " + status + " " + algorithm + " key");
                }
                return result.getString(1);
            }
        }
    }

    /**
     * Inserts a RETIRED ES256 key (published until {@code unpublishAt}, never signing), its private half encrypted
     * under the key-encryption key as the service stores it; returns the key pair so a test can sign with it.
     */
    public static EllipticCurveJsonWebKey insertRetired(AgroalDataSource dataSource, String keyEncryptionKey,
                                                        String kid, Instant unpublishAt)
            throws SQLException, JoseException {
        EllipticCurveJsonWebKey jwk = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        jwk.setKeyId(kid);
        jwk.setAlgorithm("ES256");
        jwk.setUse("sig");
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmHeaderValue("dir");
        jwe.setEncryptionMethodHeaderParameter("A256GCM");
        jwe.setKey(new AesKey(Base64.getDecoder().decode(keyEncryptionKey)));
        jwe.setPlaintext(jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("INSERT INTO token.signing_key (kid, "
                     + "algorithm, public_jwk, private_jwe, status, created_at, retired_at, unpublish_at) "
                     + "VALUES (?, 'ES256', ?, ?, 'RETIRED', ?, ?, ?)")) {
            statement.setString(1, kid);
            statement.setString(2, jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            statement.setString(3, jwe.getCompactSerialization());
            Timestamp now = Timestamp.from(Instant.now());
            statement.setTimestamp(4, now);
            statement.setTimestamp(5, now);
            statement.setTimestamp(6, Timestamp.from(unpublishAt));
            statement.executeUpdate();
        }
        return jwk;
    }
}
