package org.gatehouse.authorization.cleanup;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.gatehouse.authorization.repository.AuthorizationCode;
import org.gatehouse.authorization.repository.AuthorizationCodeRepository;
import org.gatehouse.authorization.repository.LoginSession;
import org.gatehouse.authorization.repository.LoginSessionRepository;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ExpiredStateCleanupTest {

    @Inject
    ExpiredStateCleanup cleanup;
    @Inject
    AuthorizationCodeRepository codes;
    @Inject
    LoginSessionRepository sessions;

    @Test
    void handleWhenRowsExpiredThenDeletedAndLiveOnesKept() {
        Instant now = Instant.now();
        UUID oldCode = code(now.minus(Duration.ofHours(2)));
        UUID recentlyExpired = code(now.minusSeconds(5));
        UUID oldSession = session(now.minusSeconds(1));
        UUID liveSession = session(now.plus(Duration.ofMinutes(10)));

        cleanup.run();

        QuarkusTransaction.requiringNew().run(() -> {
            assertFalse(codes.findByIdOptional(oldCode).isPresent(), "past the replay window");
            assertTrue(codes.findByIdOptional(recentlyExpired).isPresent(), "kept to recognise replays");
            assertFalse(sessions.findByIdOptional(oldSession).isPresent());
            assertTrue(sessions.findByIdOptional(liveSession).isPresent());
        });
    }

    private UUID code(Instant expiresAt) {
        AuthorizationCode row = new AuthorizationCode();
        row.id = UUID.randomUUID();
        row.codeHash = UUID.randomUUID().toString();
        row.clientId = "c";
        row.userId = "u";
        row.redirectUri = "https://c.example/cb";
        row.scope = "read";
        row.authTime = expiresAt.minusSeconds(60);
        row.createdAt = expiresAt.minusSeconds(60);
        row.expiresAt = expiresAt;
        QuarkusTransaction.requiringNew().run(() -> codes.persist(row));
        return row.id;
    }

    private UUID session(Instant idleExpiresAt) {
        LoginSession row = new LoginSession();
        row.id = UUID.randomUUID();
        row.sessionHash = UUID.randomUUID().toString();
        row.userId = "u";
        row.username = "u";
        row.csrfToken = "t";
        row.authTime = idleExpiresAt.minus(Duration.ofMinutes(30));
        row.lastSeenAt = row.authTime;
        row.idleExpiresAt = idleExpiresAt;
        row.absoluteExpiresAt = idleExpiresAt.plus(Duration.ofHours(1));
        QuarkusTransaction.requiringNew().run(() -> sessions.persist(row));
        return row.id;
    }
}
