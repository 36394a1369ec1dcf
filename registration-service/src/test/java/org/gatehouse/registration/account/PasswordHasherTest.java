package org.gatehouse.registration.account;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

    private static final String PASSWORD = "violet-harbour-lantern-42";
    private static final PasswordHasher HASHER = new PasswordHasher(4, Duration.ofSeconds(10));

    @Test
    void handleWhenHashedThenPhcStringWithOwaspParameters() {
        String encoded = HASHER.hash(PASSWORD);
        assertTrue(encoded.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"),
                encoded);
        assertFalse(encoded.contains(PASSWORD));
    }

    @Test
    void handleWhenVerifiedThenOnlyTheRightPasswordMatches() {
        String encoded = HASHER.hash(PASSWORD);
        assertTrue(HASHER.verify(PASSWORD, encoded));
        assertFalse(HASHER.verify(PASSWORD + "x", encoded));
        assertFalse(HASHER.verify("Violet-harbour-lantern-42", encoded));
        assertFalse(HASHER.verify("", encoded));
        assertFalse(HASHER.verify(null, encoded));
    }

    @Test
    void handleWhenSamePasswordHashedTwiceThenDifferentSalts() {
        assertNotEquals(HASHER.hash(PASSWORD), HASHER.hash(PASSWORD));
    }

    @Test
    void handleWhenHashComputedIndependentlyWithBouncyCastleThenSameTag() {
        String[] parts = HASHER.hash(PASSWORD).split("\\$");
        byte[] salt = Base64.getDecoder().decode(parts[4]);
        byte[] expected = Base64.getDecoder().decode(parts[5]);
        assertTrue(Arrays.equals(expected, argon2id(PASSWORD, salt, 19456, 2, 1)));
    }

    @Test
    void handleWhenStoredHashHasOtherParametersThenVerifiedAndFlaggedForRehash() {
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        String weaker = "$argon2id$v=19$m=8192,t=1,p=1$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(argon2id(PASSWORD, salt, 8192, 1, 1));
        assertTrue(HASHER.verify(PASSWORD, weaker));
        assertTrue(HASHER.needsRehash(weaker));
        assertFalse(HASHER.needsRehash(HASHER.hash(PASSWORD)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "plaintext-password",
            "$argon2i$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=16$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=99999999,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=19456,t=999,p=1$MDEyMzQ1Njc4OWFiY2RlZg$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg"})
    void handleWhenStoredHashMalformedOrOutOfBoundsThenNeverMatches(String encoded) {
        assertFalse(HASHER.verify(PASSWORD, encoded));
        assertTrue(HASHER.needsRehash(encoded));
    }

    @Test
    void handleWhenPasswordTypedInAnotherUnicodeFormThenSameHash() {
        // NFKC: the "ﬁ" ligature and full-width digits are the same password as their plain forms.
        String encoded = HASHER.hash("ﬁle-cabinet-４２-lantern");
        assertTrue(HASHER.verify("file-cabinet-42-lantern", encoded));
    }

    @Test
    void handleWhenDummyVerifiedThenNeverMatches() {
        assertFalse(HASHER.verifyDummy(PASSWORD));
        assertFalse(HASHER.verifyDummy(null));
    }

    /**
     * More hashes asked for at once than there are slots is the senders' burst, not an outage: the one that cannot
     * get a slot in time is told to retry (429), where it used to be 503, which made a burst of wrong passwords
     * against one account look like the service being down for everyone signing in at that moment.
     */
    @Test
    void handleWhenAllSlotsBusyBeyondTimeoutThen429RateLimitedNot503() throws Exception {
        // One slot, a 1 ms queue: two threads hashing and verifying side by side (each hash holds the slot for tens
        // of ms) must see refusals, and a refusal is always 429 rate_limited with Retry-After.
        PasswordHasher oneSlot = new PasswordHasher(1, Duration.ofMillis(1));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<CompletableFuture<List<OAuthException>>> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            workers.add(CompletableFuture.supplyAsync(() -> {
                List<OAuthException> refusals = new ArrayList<>();
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 10; i++) {
                    try {
                        if (i % 2 == 0) {
                            oneSlot.hash(PASSWORD);
                        } else {
                            oneSlot.verifyDummy(PASSWORD);
                        }
                    } catch (OAuthException e) {
                        refusals.add(e);
                    }
                }
                return refusals;
            }, pool));
        }
        start.countDown();
        List<OAuthException> refusals = new ArrayList<>();
        try {
            for (CompletableFuture<List<OAuthException>> worker : workers) {
                refusals.addAll(worker.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertFalse(refusals.isEmpty(), "a hash waiting longer than the queue timeout must be refused");
        for (OAuthException refusal : refusals) {
            assertEquals(OAuthError.RATE_LIMITED, refusal.error());
            assertEquals(429, refusal.status());
            assertEquals("2", refusal.headers().get("Retry-After"));
        }
        assertTrue(refusals.size() < 20, "the slot holder itself is never refused");
    }

    /** Every wait for a slot is timed once, under the outcome the caller saw: an SRE reads Argon2 queueing from it. */
    @Test
    void hashWhenSlotsContendedThenEveryWaitTimedUnderItsOutcome() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        PasswordHasher oneSlot = new PasswordHasher(1, Duration.ofMillis(1), Duration.ofMillis(1), meters);
        int attemptsPerWorker = 6;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<CompletableFuture<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            workers.add(CompletableFuture.supplyAsync(() -> {
                int refused = 0;
                for (int i = 0; i < attemptsPerWorker; i++) {
                    try {
                        oneSlot.hash(PASSWORD);
                    } catch (OAuthException e) {
                        refused++;
                    }
                }
                return refused;
            }, pool));
        }
        int refused = 0;
        try {
            for (CompletableFuture<Integer> worker : workers) {
                refused += worker.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // The constructor's own hash of the dummy password waited too, and got its slot.
        long acquired = meters.timer("gatehouse.password.queue.wait", "outcome", "acquired").count();
        long timedOut = meters.timer("gatehouse.password.queue.wait", "outcome", "refused").count();
        assertEquals(refused, timedOut);
        assertEquals(2 * attemptsPerWorker + 1, acquired + timedOut);
        assertTrue(meters.timer("gatehouse.password.queue.wait", "outcome", "refused").max(TimeUnit.SECONDS) < 1,
                "a refused wait ends at its deadline");
    }

    /**
     * Moving a stored hash to today's parameters can wait for a quieter moment: with every slot busy (here the only
     * one, held by a hash in progress) it is skipped at once instead of queueing behind, or ahead of, the checks.
     */
    @Test
    void hashIfSlotFreeWhenTheOnlySlotIsBusyThenEmptyAtOnceAndAHashOnceItIsFree() throws Exception {
        CountDownLatch inSlot = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PasswordHasher oneSlot = new PasswordHasher(1, Duration.ofSeconds(30)) {
            @Override
            protected byte[] argon2id(byte[] secret, Argon2Parameters parameters, int length) {
                if (inSlot.getCount() > 0) {
                    inSlot.countDown();
                    try {
                        release.await(1, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.argon2id(secret, parameters, length);
            }
        };
        CompletableFuture<String> holder = CompletableFuture.supplyAsync(() -> oneSlot.hash(PASSWORD));
        try {
            assertTrue(inSlot.await(30, TimeUnit.SECONDS), "the first hash holds the slot");
            long start = System.nanoTime();
            assertTrue(oneSlot.hashIfSlotFree(PASSWORD).isEmpty(), "no slot free at once");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 1_000, "skipped after " + millis + " ms, it must not wait for the slot");
        } finally {
            release.countDown();
        }
        assertTrue(oneSlot.verify(PASSWORD, holder.get(60, TimeUnit.SECONDS)));
        String upgraded = oneSlot.hashIfSlotFree(PASSWORD).orElseThrow();
        assertTrue(oneSlot.verify(PASSWORD, upgraded));
        assertFalse(oneSlot.needsRehash(upgraded));
    }

    @Test
    void handleWhenHashTimedThenDurationReportedForReadme() {
        PasswordHasher hasher = new PasswordHasher(1, Duration.ofSeconds(30));
        for (int i = 0; i < 3; i++) {
            hasher.hash(PASSWORD); // JIT warm-up
        }
        long[] millis = new long[7];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            hasher.verify(PASSWORD, hasher.hash(PASSWORD));
            millis[i] = (System.nanoTime() - start) / 2 / 1_000_000;
        }
        Arrays.sort(millis);
        System.out.printf("ARGON2ID-TIMING m=%d KiB t=%d p=%d: one hash median %d ms (min %d, max %d) on %d cores%n",
                PasswordHasher.MEMORY_KIB, PasswordHasher.ITERATIONS, PasswordHasher.PARALLELISM,
                millis[millis.length / 2], millis[0], millis[millis.length - 1],
                Runtime.getRuntime().availableProcessors());
        // Deliberately slow, but a login must still feel instant.
        assertTrue(millis[millis.length / 2] < 2_000, "one hash took " + millis[millis.length / 2] + " ms");
    }

    private static byte[] argon2id(String password, byte[] salt, int memory, int iterations, int parallelism) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memory).withIterations(iterations).withParallelism(parallelism)
                .withSalt(salt).build());
        byte[] out = new byte[32];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
