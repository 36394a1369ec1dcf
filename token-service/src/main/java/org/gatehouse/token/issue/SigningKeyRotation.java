package org.gatehouse.token.issue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.gatehouse.common.audit.AuditLog;
import org.gatehouse.token.config.TokenConfig;
import org.gatehouse.token.repository.SigningKey;
import org.gatehouse.token.repository.SigningKeyRepository;
import org.gatehouse.token.repository.SigningKeyStatus;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Moves signing keys through NEXT → ACTIVE → RETIRED → removed, so that a key is in the JWK Set (RFC 7517 §5,
 * https://www.rfc-editor.org/rfc/rfc7517#section-5) before any token names its {@code kid} (RFC 7515 §4.1.4) and
 * stays there until every token it signed has expired:
 * <ul>
 *   <li>a NEXT key is always published; it takes over at its {@code activate_at}, one rotation period after the
 *       previous take-over, and never less than publish-ahead after it was published;</li>
 *   <li>the key it replaces becomes RETIRED and stays published for the longest token lifetime plus
 *       publish-ahead (replicas that have not reloaded yet may still sign with it for one reload interval);</li>
 *   <li>on demand the NEXT key takes over at once if it has been published for publish-ahead, else the request is
 *       refused with the time it may.</li>
 * </ul>
 * Each signing algorithm in use (access tokens', ID tokens') has its own ring of keys moving through these states
 * side by side; a scheduled or on-demand rotation advances every ring. Every change happens in one transaction
 * holding a PostgreSQL advisory lock, after re-reading the states, so replicas rotating at once make one change. Every replica runs the check; whoever gets the lock does the work.
 */
@ApplicationScoped
public class SigningKeyRotation {

    private static final Logger LOG = Logger.getLogger(SigningKeyRotation.class);

    private final SigningKeyRepository repository;
    private final SigningKeyGenerator generator;
    private final SigningKeys signingKeys;
    private final AuditLog audit;
    private final Duration rotationPeriod;
    private final Duration publishAhead;
    private final Duration publishedAfterRetirement;

    @Inject
    public SigningKeyRotation(SigningKeyRepository repository, SigningKeyGenerator generator,
                              SigningKeys signingKeys, AuditLog audit, TokenConfig config) {
        this.repository = repository;
        this.generator = generator;
        this.signingKeys = signingKeys;
        this.audit = audit;
        this.rotationPeriod = config.signingKey().rotationPeriod();
        this.publishAhead = config.signingKey().publishAhead();
        Duration longestToken = config.accessTokenLifetime().compareTo(config.idTokenLifetime()) >= 0
                ? config.accessTokenLifetime() : config.idTokenLifetime();
        this.publishedAfterRetirement = longestToken.plus(publishAhead);
        if (rotationPeriod.compareTo(publishAhead) < 0) {
            throw new IllegalStateException("token.signing-key.rotation-period must not be shorter than "
                    + "token.signing-key.publish-ahead");
        }
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    /**
     * Makes sure an ACTIVE and a NEXT key exist, waiting for the lock so replicas starting together agree on
     * them, then loads the keys into this replica.
     */
    public void start() {
        Instant now = Instant.now();
        Changes changes = QuarkusTransaction.requiringNew().call(() -> {
            repository.lockKeyChanges();
            return advance(now);
        });
        report(changes, "startup");
        signingKeys.start();
    }

    @Scheduled(identity = "signing-key-rotation", every = "${token.signing-key.check-interval}",
            delayed = "${token.signing-key.check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            advanceIfDue(Instant.now());
        } catch (RuntimeException e) {
            // Nothing changed; the next check retries, and the keys in memory stay valid meanwhile.
            LOG.warnf(e, "Signing-key rotation check failed");
        }
    }

    /**
     * Makes the changes due at {@code now} (take-over, new NEXT key, removal of expired keys) unless another replica
     * holds the lock — it is making them. Empty when skipped.
     */
    public Optional<Changes> advanceIfDue(Instant now) {
        Optional<Changes> changes = QuarkusTransaction.requiringNew().call(() ->
                repository.tryLockKeyChanges() ? Optional.of(advance(now)) : Optional.empty());
        changes.ifPresent(made -> report(made, "scheduled"));
        return changes;
    }

    /** On-demand rotation: the NEXT key of every ring signs from now on if all have been published long enough. */
    public Rotation rotate(Instant now) {
        Rotation rotation = QuarkusTransaction.requiringNew().call(() -> {
            repository.lockKeyChanges();
            Changes due = advance(now);
            if (due.promoted() == null) {
                List<SigningKey> nexts = signingKeys.algorithms().stream()
                        .map(algorithm -> repository.findNext(algorithm.name()).orElseThrow()).toList();
                Optional<Instant> earliest = nexts.stream().map(next -> next.createdAt.plus(publishAhead))
                        .filter(instant -> instant.isAfter(now)).max(Comparator.naturalOrder());
                if (earliest.isPresent()) {
                    return new Rotation(null, earliest.get(), due, KeyRing.of(repository.findAllOldestFirst(), signingKeys.algorithmForNewKeys()));
                }
                nexts.forEach(next -> next.activateAt = now);
                due = due.and(advance(now));
            }
            // The kid reported is the one now signing access tokens; every ring's promotion is in the changes.
            String activated = due.promoted() == null ? null
                    : repository.findActive(signingKeys.algorithmForNewKeys().name()).map(key -> key.kid).orElse(null);
            return new Rotation(activated, null, due,
                    KeyRing.of(repository.findAllOldestFirst(), signingKeys.algorithmForNewKeys()));
        });
        report(rotation.changes(), "on-demand");
        return rotation;
    }

    /** The current states, for the operator. */
    public KeyRing keyRing() {
        return QuarkusTransaction.requiringNew().call(() -> KeyRing.of(repository.findAllOldestFirst(), signingKeys.algorithmForNewKeys()));
    }

    /** The state machine of every ring; runs inside a transaction that holds the key-change lock. */
    private Changes advance(Instant now) {
        Changes changes = new Changes(null, null, null, 0);
        for (SigningAlgorithm algorithm : signingKeys.algorithms()) {
            changes = changes.plus(advance(now, algorithm));
        }
        long removed = repository.deleteUnpublishedBy(now);
        return changes.plus(new Changes(null, null, null, removed));
    }

    private Changes advance(Instant now, SigningAlgorithm algorithm) {
        Optional<SigningKey> active = repository.findActive(algorithm.name());
        Optional<SigningKey> next = repository.findNext(algorithm.name());
        String retired = null;
        String promoted = null;
        String created = null;
        if (active.isEmpty()) {
            // First start: nothing has cached a JWKS yet, so the first key may sign at once. A NEXT key left without
            // an ACTIVE one (only by hand) is published already and takes over instead.
            SigningKey first;
            if (next.isPresent()) {
                first = next.get();
                activate(first, now);
            } else {
                first = generator.generate(now, algorithm);
                first.status = SigningKeyStatus.ACTIVE;
                first.activatedAt = now;
                repository.persist(first);
                repository.flush();
                created = first.kid;
            }
            promoted = first.kid;
            active = Optional.of(first);
            next = Optional.empty();
        } else if (next.isPresent() && !next.get().activateAt.isAfter(now)) {
            SigningKey old = active.get();
            old.status = SigningKeyStatus.RETIRED;
            old.retiredAt = now;
            old.unpublishAt = now.plus(publishedAfterRetirement);
            // Each flush keeps one statement per unique-index change: never two ACTIVE or two NEXT rows at once.
            repository.flush();
            activate(next.get(), now);
            retired = old.kid;
            promoted = next.get().kid;
            active = next;
            next = Optional.empty();
        }
        if (next.isEmpty()) {
            SigningKey key = generator.generate(now, algorithm);
            key.status = SigningKeyStatus.NEXT;
            Instant due = Objects.requireNonNullElse(active.get().activatedAt, active.get().createdAt)
                    .plus(rotationPeriod);
            Instant earliest = now.plus(publishAhead);
            key.activateAt = due.isAfter(earliest) ? due : earliest;
            repository.persist(key);
            repository.flush();
            created = created == null ? key.kid : created + "," + key.kid;
        }
        return new Changes(created, promoted, retired, 0);
    }

    private void activate(SigningKey key, Instant now) {
        key.status = SigningKeyStatus.ACTIVE;
        key.activatedAt = now;
        key.activateAt = null;
        repository.flush();
    }

    /** Logs and audits committed changes and reloads this replica at once (the others within a reload interval). */
    private void report(Changes changes, String trigger) {
        if (!changes.any()) {
            return;
        }
        LOG.infof("Signing keys changed (%s): %s", trigger, changes);
        if (changes.promoted() != null) {
            Map<String, String> fields = new HashMap<>();
            fields.put("kid", changes.promoted());
            fields.put("trigger", trigger);
            if (changes.retired() != null) {
                fields.put("retired_kid", changes.retired());
            }
            audit.record("signing_key.rotated", "success", fields);
        }
        signingKeys.reload();
    }

    /** What one step changed: kids created (comma-separated), promoted to ACTIVE and retired; rows removed. */
    public record Changes(String created, String promoted, String retired, long removed) {

        boolean any() {
            return created != null || promoted != null || retired != null || removed > 0;
        }

        /** The changes of two rings together. */
        Changes plus(Changes other) {
            return new Changes(join(created, other.created), join(promoted, other.promoted),
                    join(retired, other.retired), removed + other.removed);
        }

        /** A later step on the same rings. */
        Changes and(Changes later) {
            return new Changes(join(created, later.created), later.promoted != null ? later.promoted : promoted,
                    later.retired != null ? later.retired : retired, removed + later.removed);
        }

        private static String join(String a, String b) {
            return a == null ? b : b == null ? a : a + "," + b;
        }
    }

    /**
     * The outcome of an on-demand rotation: the kid now signing access tokens (the changes name every ring's), or when the NEXT key may sign at the earliest
     * ({@code notBefore}) if it was published too recently; the states after it either way.
     */
    public record Rotation(String activatedKid, Instant notBefore, Changes changes, KeyRing keys) {

        public boolean rotated() {
            return activatedKid != null;
        }
    }
}
