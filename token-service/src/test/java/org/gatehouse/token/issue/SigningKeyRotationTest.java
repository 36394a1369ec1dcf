package org.gatehouse.token.issue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.gatehouse.common.audit.AuditLog;
import org.gatehouse.common.config.GatehouseConfig;
import org.gatehouse.token.config.TokenConfig;
import org.gatehouse.token.repository.SigningKeyRepository;
import org.gatehouse.token.repository.SigningKeyStatus;
import org.gatehouse.token.support.AccessTokens;
import org.gatehouse.token.support.TestSigningKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rotation against the real database, with second replicas (their own {@link SigningKeys} and
 * {@link SigningKeyRotation}) sharing it. Time passes by moving the key rows into the past.
 */
@QuarkusTest
class SigningKeyRotationTest {

    private static final Duration PUBLISH_AHEAD = Duration.ofHours(1);

    @Inject
    SigningKeys signingKeys;

    @Inject
    SigningKeyRotation rotation;

    @Inject
    SigningKeyRepository repository;

    @Inject
    AccessTokenIssuer issuer;

    @Inject
    TokenConfig config;

    @Inject
    GatehouseConfig gatehouse;

    @Inject
    AuditLog audit;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void keysInMemoryMatchTheDatabase() {
        signingKeys.reload();
    }

    @Test
    void startWhenStartedThenNextKeyIsPublishedBeforeItSigns() throws Exception {
        String active = TestSigningKeys.kidWithStatus(dataSource, "ACTIVE");
        String next = TestSigningKeys.kidWithStatus(dataSource, "NEXT");
        KeyRing.Key nextKey = rotation.keyRing().withStatus(SigningKeyStatus.NEXT).orElseThrow();

        assertTrue(jwksKids().containsAll(Set.of(active, next)), "the NEXT key is in the JWKS already");
        assertEquals(active, kidOf(issuer.issue("subject", "client", Set.of("read")).value()),
                "tokens are signed by the ACTIVE key, never the NEXT one");
        assertFalse(nextKey.activateAt().isBefore(nextKey.createdAt().plus(PUBLISH_AHEAD)),
                "a NEXT key signs no earlier than publish-ahead after it was published");
    }

    @Test
    void rotateWhenNextPublishedLongEnoughThenNewTokensUseItAndOldTokensStillVerify() throws Exception {
        String oldKid = signingKeys.activeKid().orElseThrow();
        String nextKid = TestSigningKeys.kidWithStatus(dataSource, "NEXT");
        String tokenOfOldKey = issuer.issue("subject", "client", Set.of("read")).value();
        TestSigningKeys.age(dataSource, PUBLISH_AHEAD.plusMinutes(1));

        SigningKeyRotation.Rotation rotated = rotation.rotate(Instant.now());

        assertTrue(rotated.rotated());
        assertEquals(nextKid, rotated.activatedKid(), "the key published ahead takes over");
        assertEquals(nextKid, signingKeys.activeKid().orElseThrow(), "this replica reloaded at once");
        String tokenOfNewKey = issuer.issue("subject", "client", Set.of("read")).value();
        assertEquals(nextKid, kidOf(tokenOfNewKey));
        assertEquals(oldKid, kidOf(tokenOfOldKey), "tokens signed before still verify against the JWKS");
        KeyRing.Key retired = rotated.keys().keys().stream().filter(key -> key.kid().equals(oldKid)).findFirst()
                .orElseThrow();
        assertEquals(SigningKeyStatus.RETIRED, retired.status());
        assertEquals(retired.retiredAt().plus(config.accessTokenLifetime()).plus(PUBLISH_AHEAD), retired.unpublishAt(),
                "published until its last token expired, plus the reload margin");
        String newNext = rotated.keys().withStatus(SigningKeyStatus.NEXT).orElseThrow().kid();
        assertTrue(jwksKids().containsAll(Set.of(oldKid, nextKid, newNext)));
    }

    @Test
    void rotateWhenNextPublishedTooRecentlyThenRefusedUntilPublishAheadElapsed() throws Exception {
        TestSigningKeys.age(dataSource, PUBLISH_AHEAD.plusMinutes(1));
        rotation.rotate(Instant.now());
        Map<String, String> before = TestSigningKeys.statuses(dataSource);
        KeyRing.Key next = rotation.keyRing().withStatus(SigningKeyStatus.NEXT).orElseThrow();

        SigningKeyRotation.Rotation refused = rotation.rotate(Instant.now());

        assertFalse(refused.rotated());
        assertEquals(next.createdAt().plus(PUBLISH_AHEAD), refused.notBefore());
        assertEquals(before, TestSigningKeys.statuses(dataSource), "nothing changed");
    }

    @Test
    void advanceIfDueWhenRetiredKeyOutlivedItsTokensThenItLeavesTheJwksAndIsRemoved() throws Exception {
        String oldKid = signingKeys.activeKid().orElseThrow();
        TestSigningKeys.age(dataSource, PUBLISH_AHEAD.plusMinutes(1));
        rotation.rotate(Instant.now());
        assertTrue(jwksKids().contains(oldKid));

        TestSigningKeys.age(dataSource, config.accessTokenLifetime().plus(PUBLISH_AHEAD).plusMinutes(1));
        signingKeys.reload();
        assertFalse(jwksKids().contains(oldKid), "left out of the JWKS as soon as every token it signed expired");

        Optional<SigningKeyRotation.Changes> changes = rotation.advanceIfDue(Instant.now());
        assertTrue(changes.orElseThrow().removed() >= 1);
        assertFalse(TestSigningKeys.statuses(dataSource).containsKey(oldKid), "the row is deleted");
    }

    @Test
    void advanceIfDueWhenRotationPeriodElapsedThenNextTakesOverOnSchedule() throws Exception {
        String nextKid = TestSigningKeys.kidWithStatus(dataSource, "NEXT");
        assertTrue(rotation.advanceIfDue(Instant.now()).orElseThrow().promoted() == null, "nothing due yet");

        TestSigningKeys.age(dataSource, config.signingKey().rotationPeriod().plusMinutes(1));
        SigningKeyRotation.Changes changes = rotation.advanceIfDue(Instant.now()).orElseThrow();

        assertTrue(List.of(changes.promoted().split(",")).contains(nextKid), changes.promoted());
        assertEquals(nextKid, signingKeys.activeKid().orElseThrow());
        KeyRing.Key newNext = rotation.keyRing().withStatus(SigningKeyStatus.NEXT).orElseThrow();
        assertEquals(newNext.createdAt().plus(config.signingKey().rotationPeriod()), newNext.activateAt(),
                "the next take-over is one rotation period later");
    }

    /**
     * ID tokens have their own RS256 ring (OIDC Core §15.1): rotation moves it beside the ES256 ring of access tokens,
     * and both keep the NEXT-before-signing, RETIRED-until-expired rules.
     */
    @Test
    void rotateWhenDueThenTheIdTokenRingRotatesBesideTheAccessTokenRing() throws Exception {
        String oldEs = TestSigningKeys.kidWithStatus(dataSource, "ACTIVE", "ES256");
        String oldRs = TestSigningKeys.kidWithStatus(dataSource, "ACTIVE", "RS256");
        String nextRs = TestSigningKeys.kidWithStatus(dataSource, "NEXT", "RS256");
        assertTrue(jwksKids().containsAll(Set.of(oldEs, oldRs, nextRs)), "both rings are published");
        TestSigningKeys.age(dataSource, PUBLISH_AHEAD.plusMinutes(1));

        SigningKeyRotation.Rotation rotated = rotation.rotate(Instant.now());

        assertTrue(rotated.rotated());
        assertEquals(nextRs, TestSigningKeys.kidWithStatus(dataSource, "ACTIVE", "RS256"));
        assertEquals(nextRs, signingKeys.activeKid(SigningAlgorithm.RS256).orElseThrow());
        assertEquals("RETIRED", TestSigningKeys.statuses(dataSource).get(oldRs));
        assertNotEquals(oldEs, signingKeys.activeKid().orElseThrow(), "the access-token ring rotated too");
        String newNextRs = rotated.keys().withStatus(SigningKeyStatus.NEXT, "RS256").orElseThrow().kid();
        assertTrue(jwksKids().containsAll(Set.of(oldRs, nextRs, newNextRs)),
                "the retired RS256 key stays published for the ID tokens it signed");
    }

    @Test
    void rotateWhenTwoReplicasRotateAtOnceThenExactlyOneNewKey() throws Exception {
        assertExactlyOneRotationWhenTwoReplicasRun(PUBLISH_AHEAD.plusMinutes(1),
                replica -> replica.rotation.rotate(Instant.now()).rotated());
    }

    @Test
    void advanceIfDueWhenTwoReplicasCheckAtOnceThenExactlyOneNewKey() throws Exception {
        assertExactlyOneRotationWhenTwoReplicasRun(config.signingKey().rotationPeriod().plusMinutes(1),
                replica -> replica.rotation.advanceIfDue(Instant.now())
                        .map(changes -> changes.promoted() != null).orElse(false));
    }

    @Test
    void reloadWhenAnotherReplicaRotatedThenThisReplicaSignsWithTheAgreedKeyAfterReloading() throws Exception {
        Replica other = new Replica();
        String oldKid = other.keys.activeKid().orElseThrow();
        TestSigningKeys.age(dataSource, PUBLISH_AHEAD.plusMinutes(1));

        String newKid = rotation.rotate(Instant.now()).activatedKid();
        String beforeReload = other.issuer.issue("subject", "client", Set.of("read")).value();
        other.keys.reload();
        String afterReload = other.issuer.issue("subject", "client", Set.of("read")).value();

        assertEquals(oldKid, kidOf(beforeReload), "a replica that has not reloaded yet signs with the retired key...");
        assertEquals(newKid, kidOf(afterReload), "...and with the agreed new key after its reload");
    }

    private void assertExactlyOneRotationWhenTwoReplicasRun(Duration elapsed, Function<Replica, Boolean> rotate)
            throws Exception {
        List<Replica> replicas = List.of(new Replica(), new Replica());
        String nextKid = TestSigningKeys.kidWithStatus(dataSource, "NEXT");
        Set<String> kidsBefore = TestSigningKeys.statuses(dataSource).keySet();
        TestSigningKeys.age(dataSource, elapsed);

        CyclicBarrier together = new CyclicBarrier(replicas.size());
        ExecutorService threads = Executors.newFixedThreadPool(replicas.size());
        try {
            List<Future<Boolean>> results = replicas.stream().map(replica -> threads.submit(() -> {
                together.await();
                return rotate.apply(replica);
            })).toList();
            int rotations = 0;
            for (Future<Boolean> result : results) {
                rotations += result.get() ? 1 : 0;
            }
            assertEquals(1, rotations, "one replica rotated, the other found nothing to do");
        } finally {
            threads.shutdownNow();
        }
        Map<String, String> after = TestSigningKeys.statuses(dataSource);
        Set<String> created = new HashSet<>(after.keySet());
        created.removeAll(kidsBefore);
        assertEquals(signingKeys.algorithms().size(), created.size(),
                "exactly one new key per ring: the new NEXT ones " + created);
        created.forEach(kid -> assertEquals("NEXT", after.get(kid)));
        assertEquals("ACTIVE", after.get(nextKid));
        for (Replica replica : replicas) {
            replica.keys.reload();
            assertEquals(nextKid, replica.keys.activeKid().orElseThrow(), "both replicas agree on the active key");
        }
    }

    private Set<String> jwksKids() {
        return new HashSet<>(given().get("/oauth/jwks").then().statusCode(200).extract().path("keys.kid"));
    }

    /** The kid of a token that verifies against the published JWKS, as a resource server checks it. */
    private static String kidOf(String token) {
        String kid = AccessTokens.verify(token).getJoseObjects().get(0).getKeyIdHeaderValue();
        assertNotNull(kid);
        return kid;
    }

    /** Another token-service replica on the same database: its own keys in memory, rotation and issuer. */
    private final class Replica {
        final SigningKeys keys = new SigningKeys(repository, config);
        final SigningKeyRotation rotation =
                new SigningKeyRotation(repository, new SigningKeyGenerator(config), keys, audit, config);
        final AccessTokenIssuer issuer = new AccessTokenIssuer(keys, new JwsSigner(), gatehouse, config);

        Replica() {
            rotation.start();
        }
    }
}
