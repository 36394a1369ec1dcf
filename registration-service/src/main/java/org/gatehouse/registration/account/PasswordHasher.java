package org.gatehouse.registration.account;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.config.RegistrationConfig;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hashes user passwords with Argon2id (RFC 9106) using Bouncy Castle, with the OWASP Password Storage Cheat Sheet
 * parameters: 19 MiB of memory, 2 passes, 1 lane, a 16-byte random salt and a 32-byte tag. Hashes are stored in
 * the PHC string format, {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (base64 without padding), so the
 * parameters travel with each hash and can be raised later: {@link #needsRehash} tells when a stored hash is
 * weaker than today's.
 * <p>
 * Passwords are normalised to Unicode NFKC first (NIST SP 800-63B §5.1.1.2), so the same password typed on
 * different keyboards hashes the same. At most {@code maxConcurrentHashes} hashes run at once: each holds 19 MiB,
 * and an unbounded burst of sign-ups or logins would otherwise exhaust memory. A caller that cannot get a slot in
 * time (sign-ups wait up to {@code hashQueueTimeout}, password checks until the {@link CheckDeadline} they are
 * given) is answered 429 {@code rate_limited} with {@code Retry-After}: too many requests at once is the sender's to
 * retry, not an outage. A stored hash is moved to today's parameters only {@link #hashIfSlotFree when a slot is free}.
 * Every verification is counted ({@code gatehouse_password_verifications_total}), and every wait for a slot timed
 * ({@code gatehouse_password_queue_wait_seconds{outcome=acquired|refused}}, a histogram).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9106#section-4">RFC 9106 §4 (parameter choice)</a>
 * @see <a href="https://github.com/P-H-C/phc-string-format/blob/master/phc-sf-spec.md">PHC string format</a>
 * @see <a href="https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#argon2id">OWASP Argon2id</a>
 */
@Startup
@ApplicationScoped
public class PasswordHasher {

    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    /** Bounds on what a stored hash may ask for, so a corrupted or planted row cannot make one check take minutes. */
    private static final int MAX_MEMORY_KIB = 1024 * 1024;
    private static final int MAX_ITERATIONS = 16;
    private static final int MAX_PARALLELISM = 16;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,88})\\$([A-Za-z0-9+/]{22,88})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();
    private static final Logger LOG = Logger.getLogger(PasswordHasher.class);

    private final SecureRandom random = new SecureRandom();
    private final Semaphore slots;
    private final Duration queueTimeout;
    private final Duration checkQueueTimeout;
    private final Duration checkTimeout;
    /** Absent when constructed outside CDI (unit tests). */
    private final Counter verifications;
    private final Timer slotAcquired;
    private final Timer slotRefused;
    /** Verified instead of a real hash when the account does not exist, so the answer takes as long either way. */
    private final String dummyHash;

    @Inject
    public PasswordHasher(RegistrationConfig config, MeterRegistry meters) {
        this(config.password().maxConcurrentHashes(), config.password().hashQueueTimeout(),
                config.password().checkQueueTimeout(), config.password().checkTimeout(), meters);
    }

    public PasswordHasher(int maxConcurrentHashes, Duration queueTimeout) {
        this(maxConcurrentHashes, queueTimeout, queueTimeout, queueTimeout, null);
    }

    PasswordHasher(int maxConcurrentHashes, Duration queueTimeout, Duration checkQueueTimeout, MeterRegistry meters) {
        this(maxConcurrentHashes, queueTimeout, checkQueueTimeout, checkQueueTimeout, meters);
    }

    private PasswordHasher(int maxConcurrentHashes, Duration queueTimeout, Duration checkQueueTimeout,
                           Duration checkTimeout, MeterRegistry meters) {
        if (checkQueueTimeout.compareTo(checkTimeout) > 0) {
            // A check answered before it may have its slot would always be refused after waiting for nothing.
            throw new IllegalStateException("registration.password.check-queue-timeout (" + checkQueueTimeout
                    + ") must not exceed registration.password.check-timeout (" + checkTimeout + ")");
        }
        this.slots = new Semaphore(Math.max(1, maxConcurrentHashes), true);
        this.queueTimeout = queueTimeout;
        this.checkQueueTimeout = checkQueueTimeout;
        this.checkTimeout = checkTimeout;
        this.verifications = meters == null ? null : Counter.builder("gatehouse.password.verifications")
                .description("Argon2id password verifications run (wrong, right and dummy alike)")
                .register(meters);
        this.slotAcquired = meters == null ? null : queueWait(meters, "acquired");
        this.slotRefused = meters == null ? null : queueWait(meters, "refused");
        byte[] unguessable = new byte[32];
        random.nextBytes(unguessable);
        long start = System.nanoTime();
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        acquireSlot(System.nanoTime() + queueTimeout.toNanos());
        try {
            // Not through the overridable argon2id: a subclass is not constructed yet.
            this.dummyHash = phc(salt, compute(unguessable, parameters(salt, MEMORY_KIB, ITERATIONS, PARALLELISM),
                    HASH_BYTES));
        } finally {
            slots.release();
        }
        LOG.infof("Argon2id (m=%d KiB, t=%d, p=%d): first hash took %d ms on this machine (cold JIT)",
                MEMORY_KIB, ITERATIONS, PARALLELISM, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * A new PHC string for {@code password}, under a fresh random salt.
     *
     * @throws OAuthException 429 when no hashing slot was free within the hash queue timeout
     */
    public String hash(String password) {
        acquireSlot(System.nanoTime() + queueTimeout.toNanos());
        try {
            return newHash(password);
        } finally {
            slots.release();
        }
    }

    /**
     * {@link #hash}, when a hashing slot is free at once and nobody is waiting for one; else empty, at once. For work
     * that can wait for a quieter moment, such as moving a stored hash to today's parameters: it never takes a slot
     * from a password check.
     */
    public Optional<String> hashIfSlotFree(String password) {
        boolean acquired;
        try {
            // Timed, unlike tryAcquire(), so the semaphore's fairness holds: no overtaking the checks in the queue.
            acquired = slots.tryAcquire(0, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            return Optional.empty();
        }
        try {
            return Optional.of(newHash(password));
        } finally {
            slots.release();
        }
    }

    /** {@link #verify(String, String, long)} waiting at most the configured check wait for a slot. */
    public boolean verify(String password, String encoded) {
        return verify(password, encoded, checkDeadline().slotBy());
    }

    /** The deadlines of a password check that arrives now. */
    public CheckDeadline checkDeadline() {
        long now = System.nanoTime();
        return new CheckDeadline(now + checkQueueTimeout.toNanos(), now + checkTimeout.toNanos());
    }

    /**
     * When a password check must have its hashing slot and when it must be answered, as {@link System#nanoTime()}
     * values: a check still waiting for a slot at {@code slotBy}, or still hashing at {@code answerBy}, is answered 429.
     */
    public record CheckDeadline(long slotBy, long answerBy) {
    }

    /**
     * True when {@code password} is the one {@code encoded} was made from; the tags are compared in constant time.
     * A hash that is not an Argon2id PHC string within bounds never matches.
     *
     * @param deadlineNanos the {@link System#nanoTime()} after which no slot is waited for
     * @throws OAuthException 429 when no hashing slot was free before the deadline
     */
    public boolean verify(String password, String encoded, long deadlineNanos) {
        if (password == null || encoded == null) {
            return false;
        }
        Matcher phc = PHC.matcher(encoded);
        if (!phc.matches()) {
            LOG.warn("A stored password hash is not an Argon2id PHC string within bounds; refusing it");
            return false;
        }
        int memory = Integer.parseInt(phc.group(1));
        int iterations = Integer.parseInt(phc.group(2));
        int parallelism = Integer.parseInt(phc.group(3));
        if (memory > MAX_MEMORY_KIB || memory < 8 * parallelism || iterations < 1 || iterations > MAX_ITERATIONS
                || parallelism < 1 || parallelism > MAX_PARALLELISM) {
            LOG.warn("A stored password hash has out-of-bounds Argon2id parameters; refusing it");
            return false;
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = B64_DECODER.decode(phc.group(4));
            expected = B64_DECODER.decode(phc.group(5));
        } catch (IllegalArgumentException e) {
            LOG.warn("A stored password hash has malformed base64; refusing it");
            return false;
        }
        byte[] actual;
        acquireSlot(deadlineNanos);
        try {
            actual = derive(password, parameters(salt, memory, iterations, parallelism), expected.length);
        } finally {
            slots.release();
        }
        if (verifications != null) {
            verifications.increment();
        }
        return MessageDigest.isEqual(expected, actual);
    }

    /** Does the same work as {@link #verify} against a hash nobody knows the password of; always false. */
    public boolean verifyDummy(String password) {
        return verifyDummy(password, checkDeadline().slotBy());
    }

    /** {@link #verifyDummy(String)} with the slot deadline of {@link #verify(String, String, long)}. */
    public boolean verifyDummy(String password, long deadlineNanos) {
        verify(password == null ? "" : password, dummyHash, deadlineNanos);
        return false;
    }

    /** True when {@code encoded} was made with other parameters than today's, and should be replaced on next login. */
    public boolean needsRehash(String encoded) {
        Matcher phc = PHC.matcher(encoded == null ? "" : encoded);
        if (!phc.matches()) {
            return true;
        }
        // Unpadded base64 of n bytes is ceil(4n/3) characters: 22 for the salt, 43 for the tag.
        return Integer.parseInt(phc.group(1)) != MEMORY_KIB || Integer.parseInt(phc.group(2)) != ITERATIONS
                || Integer.parseInt(phc.group(3)) != PARALLELISM
                || phc.group(4).length() != (SALT_BYTES * 4 + 2) / 3
                || phc.group(5).length() != (HASH_BYTES * 4 + 2) / 3;
    }

    /** Called holding a hashing slot. */
    private String newHash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return phc(salt, derive(password, parameters(salt, MEMORY_KIB, ITERATIONS, PARALLELISM), HASH_BYTES));
    }

    private static String phc(byte[] salt, byte[] tag) {
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(tag);
    }

    /** Called holding a hashing slot. */
    private byte[] derive(String password, Argon2Parameters parameters, int length) {
        byte[] secret = Normalizer.normalize(password, Normalizer.Form.NFKC).getBytes(StandardCharsets.UTF_8);
        try {
            return argon2id(secret, parameters, length);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * The Argon2id tag of {@code secret} (the normalised password's UTF-8 bytes), computed while the caller holds a
     * hashing slot. Overridden only by tests, which hold a hash here to keep its slot busy.
     */
    protected byte[] argon2id(byte[] secret, Argon2Parameters parameters, int length) {
        return compute(secret, parameters, length);
    }

    private static byte[] compute(byte[] secret, Argon2Parameters parameters, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] tag = new byte[length];
        generator.generateBytes(secret, tag);
        return tag;
    }

    private static Argon2Parameters parameters(byte[] salt, int memory, int iterations, int parallelism) {
        return new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memory)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
    }

    private void acquireSlot(long deadlineNanos) {
        boolean acquired;
        long start = System.nanoTime();
        try {
            acquired = slots.tryAcquire(Math.max(0, deadlineNanos - start), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        Timer wait = acquired ? slotAcquired : slotRefused;
        if (wait != null) {
            wait.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        if (!acquired) {
            throw busy();
        }
    }

    private static Timer queueWait(MeterRegistry meters, String outcome) {
        return Timer.builder("gatehouse.password.queue.wait")
                .description("Time a password hash or check waited for one of the bounded Argon2id slots")
                .tag("outcome", outcome)
                .register(meters);
    }

    /**
     * Too many password hashes asked for at once: 429, for the sender to retry, rather than 503, which would report
     * a burst from some clients as the service being down for everyone.
     */
    public static OAuthException busy() {
        return new OAuthException(OAuthError.RATE_LIMITED, OAuthError.RATE_LIMITED.status(),
                "Too many sign-ins at once; retry shortly", Map.of("Retry-After", "2"));
    }
}
