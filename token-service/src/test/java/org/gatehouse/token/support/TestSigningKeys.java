package org.gatehouse.token.support;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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

    public static String kidWithStatus(AgroalDataSource dataSource, String status) throws SQLException {
        return statuses(dataSource).entrySet().stream().filter(entry -> entry.getValue().equals(status))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no " + status + " key"));
    }
}
