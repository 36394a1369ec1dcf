package org.gatehouse.registration.testing;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Unremovable;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.gatehouse.registration.account.PasswordHasher;
import org.gatehouse.registration.config.RegistrationConfig;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The real hasher, recording which stored hash each password was verified against (the user-enumeration test
 * compares the Argon2id work done for unknown accounts and wrong passwords), and able to hold the work on chosen
 * passwords: checks at its door ({@link #hold}), any Argon2id run inside its hashing slot ({@link #holdInSlot}, a
 * slow hash), or the upgrade of a stored hash ({@link #holdRehash}), so a test can see what happens to other requests
 * meanwhile. A singleton: a normal-scoped subclass would need a no-args constructor the superclass does not have.
 */
@Alternative
@Priority(1)
@Unremovable
@Singleton
public class CountingPasswordHasher extends PasswordHasher {

    private final Map<String, List<String>> verifiedAgainst = new ConcurrentHashMap<>();
    private final List<Hold> holds = new CopyOnWriteArrayList<>();

    public CountingPasswordHasher(RegistrationConfig config, MeterRegistry meters) {
        super(config, meters);
    }

    @Override
    public boolean verify(String password, String encoded, long deadlineNanos) {
        awaitHolds(Stage.CHECK, password);
        boolean right = super.verify(password, encoded, deadlineNanos);
        // Recorded once the check ran: one refused for want of a hashing slot did no Argon2id work.
        if (password != null) {
            verifiedAgainst.computeIfAbsent(password, p -> new CopyOnWriteArrayList<>()).add(String.valueOf(encoded));
        }
        return right;
    }

    @Override
    public Optional<String> hashIfSlotFree(String password) {
        awaitHolds(Stage.REHASH, password);
        return super.hashIfSlotFree(password);
    }

    @Override
    protected byte[] argon2id(byte[] secret, Argon2Parameters parameters, int length) {
        for (Hold hold : holds) {
            byte[] prefix = hold.passwordPrefix.getBytes(StandardCharsets.UTF_8);
            if (hold.stage == Stage.SLOT && secret.length >= prefix.length
                    && Arrays.equals(secret, 0, prefix.length, prefix, 0, prefix.length)) {
                hold.await();
            }
        }
        return super.argon2id(secret, parameters, length);
    }

    private void awaitHolds(Stage stage, String password) {
        for (Hold hold : holds) {
            if (hold.stage == stage && password != null && password.startsWith(hold.passwordPrefix)) {
                hold.await();
            }
        }
    }

    /** The stored hashes (PHC strings) {@code password} was verified against, in order. */
    public List<String> verificationsOf(String password) {
        return List.copyOf(verifiedAgainst.getOrDefault(password, List.of()));
    }

    /**
     * Holds every check of a password starting with {@code passwordPrefix} before it asks for a hashing slot, until
     * the hold is closed (at most a minute).
     */
    public Hold hold(String passwordPrefix) {
        return add(new Hold(Stage.CHECK, passwordPrefix));
    }

    /**
     * Holds every Argon2id run (check or new hash) of a password starting with {@code passwordPrefix} inside its
     * hashing slot, as a slow hash would, until the hold is closed (at most a minute).
     */
    public Hold holdInSlot(String passwordPrefix) {
        return add(new Hold(Stage.SLOT, passwordPrefix));
    }

    /** Holds the upgrade of a stored hash to today's parameters before it asks for a slot, until closed. */
    public Hold holdRehash(String passwordPrefix) {
        return add(new Hold(Stage.REHASH, passwordPrefix));
    }

    private Hold add(Hold hold) {
        holds.add(hold);
        return hold;
    }

    private enum Stage { CHECK, SLOT, REHASH }

    /** Checks kept waiting; {@link #close()} lets them go on. */
    public final class Hold implements AutoCloseable {

        private final Stage stage;
        private final String passwordPrefix;
        private final CountDownLatch released = new CountDownLatch(1);
        private final Semaphore arrived = new Semaphore(0);

        private Hold(Stage stage, String passwordPrefix) {
            this.stage = stage;
            this.passwordPrefix = passwordPrefix;
        }

        /** Waits until {@code count} checks are held; false when they were not within {@code timeout}. */
        public boolean awaitHeld(int count, Duration timeout) throws InterruptedException {
            if (!arrived.tryAcquire(count, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
            arrived.release(count);
            return true;
        }

        /** Checks held so far (those released included). */
        public int held() {
            return arrived.availablePermits();
        }

        private void await() {
            arrived.release();
            try {
                released.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            holds.remove(this);
            released.countDown();
        }
    }
}
