package org.gatehouse.authorization.consent;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.gatehouse.authorization.repository.PendingTokenRevocation;
import org.gatehouse.authorization.repository.PendingTokenRevocationRepository;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.FirstPartyTokens;
import org.gatehouse.authorization.testing.Flows;
import org.gatehouse.authorization.testing.SiblingServicesResource;
import org.gatehouse.authorization.testing.TestAccounts;
import org.gatehouse.authorization.testing.TestClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox that keeps a revocation of an app's tokens until token-service confirms it. */
@QuarkusTest
class TokenRevocationOutboxTest {

    private static final String AUTHORIZE = Browser.authorizePath("response_type", "code",
            "client_id", TestClients.SINGLE, "redirect_uri", TestClients.SINGLE_CALLBACK, "scope", "read");

    @Inject
    TokenRevocationOutbox outbox;
    @Inject
    PendingTokenRevocationRepository pending;

    @AfterEach
    void tokenServiceFast() {
        given().post(tokenDouble() + "/test/revocations/slow?ms=0").then().statusCode(204);
    }

    /**
     * Revoking an app can leave it access for good, the slow-peer case: token-service answering later than the 2 s
     * timeout used to drop the revocation. The request is kept and sent again until token-service confirms it.
     */
    @Test
    void revokeWhenTokenServiceSlowerThanTheTimeoutThenRequestKeptAndRetriedUntilConfirmed() {
        String username = TestAccounts.fresh("outbox-slow");
        String userId = TestAccounts.idOf(username);
        Browser browser = new Browser();
        browser.loginOrFail(username);
        assertEquals(303, Flows.approve(browser, AUTHORIZE).statusCode());
        given().post(tokenDouble() + "/test/revocations/slow?ms=3000").then().statusCode(204);

        given().header("Authorization", FirstPartyTokens.bearerFor(username))
                .delete("/api/v1/authorizations/" + TestClients.SINGLE).then().statusCode(204);

        assertEquals(List.of(TestClients.SINGLE), clientsPendingFor(userId), "kept after the timed-out attempt");
        given().post(tokenDouble() + "/test/revocations/slow?ms=0").then().statusCode(204);
        long fast = System.nanoTime();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> clientsPendingFor(userId).isEmpty());
        System.out.printf("[revocation outbox] slow token-service: confirmed %d ms after it answered in time again%n",
                Duration.ofNanos(System.nanoTime() - fast).toMillis());
        assertTrue(revocations().contains(userId + " " + TestClients.SINGLE));
    }

    /** Replicas claiming at the same moment never get the same row, so none is sent twice at once. */
    @Test
    void claimDueWhenTwoReplicasClaimAtOnceThenNoRowClaimedTwice() throws Exception {
        Instant due = Instant.now().minusSeconds(1);
        Set<UUID> inserted = new HashSet<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 40; i++) {
                PendingTokenRevocation row = new PendingTokenRevocation();
                row.id = UUID.randomUUID();
                row.userId = "claim-" + UUID.randomUUID();
                row.clientId = TestClients.SINGLE;
                row.requestedAt = due;
                row.attempts = 1;
                row.nextAttemptAt = due;
                pending.persist(row);
                inserted.add(row.id);
            }
        });
        CountDownLatch start = new CountDownLatch(1);
        Callable<Set<UUID>> replica = () -> {
            start.await();
            Instant now = Instant.now();
            return QuarkusTransaction.requiringNew().call(() -> pending.claimDue(now, now.plusSeconds(30), 40))
                    .stream().map(r -> r.id).filter(inserted::contains).collect(Collectors.toSet());
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Set<UUID>> first = pool.submit(replica);
            Future<Set<UUID>> second = pool.submit(replica);
            start.countDown();
            Set<UUID> a = first.get();
            Set<UUID> b = second.get();
            Set<UUID> both = new HashSet<>(a);
            both.retainAll(b);
            assertTrue(both.isEmpty(), "claimed by both: " + both);
            assertFalse(a.isEmpty() && b.isEmpty(), "the due rows were claimed");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void backoffWhenAttemptsFailThenDoublesFromOneSecondUpToFifteen() {
        assertEquals(List.of(1L, 2L, 4L, 8L, 15L, 15L), List.of(1, 2, 3, 4, 5, 40).stream()
                .map(n -> outbox.backoff(n).toSeconds()).toList());
    }

    private List<String> clientsPendingFor(String userId) {
        return outbox.pendingFor(userId).stream().map(PendingTokenRevocationRepository.Pending::clientId).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> revocations() {
        return given().get(tokenDouble() + "/test/revocations").then().statusCode(200).extract().as(List.class);
    }

    private static String tokenDouble() {
        return ConfigProvider.getConfig().getValue(SiblingServicesResource.TOKEN_URL_PROPERTY, String.class);
    }
}
