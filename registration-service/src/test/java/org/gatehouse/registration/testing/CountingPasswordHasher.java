package org.gatehouse.registration.testing;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Unremovable;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import org.gatehouse.registration.account.PasswordHasher;
import org.gatehouse.registration.config.RegistrationConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The real hasher, recording which stored hash each password was verified against (the user-enumeration test
 * compares the Argon2id work done for unknown accounts and wrong passwords), and able to {@link #hold} the checks of
 * chosen passwords at its door, so a test can see what happens to other requests while they are in flight. A
 * singleton: a normal-scoped subclass would need a no-args constructor the superclass does not have.
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
        for (Hold hold : holds) {
            if (password != null && password.startsWith(hold.passwordPrefix)) {
                hold.await();
            }
        }
        boolean right = super.verify(password, encoded, deadlineNanos);
        // Recorded once the check ran: one refused for want of a hashing slot did no Argon2id work.
        if (password != null) {
            verifiedAgainst.computeIfAbsent(password, p -> new CopyOnWriteArrayList<>()).add(String.valueOf(encoded));
        }
        return right;
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
        Hold hold = new Hold(passwordPrefix);
        holds.add(hold);
        return hold;
    }

    /** Checks kept waiting; {@link #close()} lets them go on. */
    public final class Hold implements AutoCloseable {

        private final String passwordPrefix;
        private final CountDownLatch released = new CountDownLatch(1);
        private final Semaphore arrived = new Semaphore(0);

        private Hold(String passwordPrefix) {
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
