package org.gatehouse.token.issue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.token.config.TokenConfig;
import org.gatehouse.token.repository.SigningKey;
import org.gatehouse.token.repository.SigningKeyRepository;
import org.gatehouse.token.repository.SigningKeyStatus;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The access-token signing keys of this replica, held in memory so that issuing a token and serving the JWKS
 * (RFC 7517 §5, https://www.rfc-editor.org/rfc/rfc7517#section-5) do no I/O.
 *
 * <p>The database is the one source of truth every replica agrees on: {@link SigningKeyRotation} changes key
 * states there under a lock, and each replica re-reads them every {@code token.key-reload-interval}, so it signs
 * with the agreed ACTIVE key of each algorithm and publishes NEXT, ACTIVE and not yet expired RETIRED keys of all.
 * Access tokens are signed with {@code token.signing-algorithm} (ES256), ID tokens with the client's registered
 * {@code id_token_signed_response_alg} or else {@code token.id-token-signing-algorithm} (RS256, OIDC Core §15.1);
 * each algorithm has its own ring of keys, and every algorithm a client may register for its ID tokens has one.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final SigningKeyRepository repository;
    private final KeyEncryptionKey keyEncryptionKey;
    private final SigningAlgorithm algorithmForNewKeys;
    private final SigningAlgorithm idTokenAlgorithm;
    private final List<SigningAlgorithm> idTokenAlgorithms;
    private final List<SigningAlgorithm> algorithms;
    /** Decrypting costs a little; a key is decrypted once per replica, not once per reload. */
    private final Map<String, PrivateKey> decrypted = new ConcurrentHashMap<>();

    private volatile Loaded loaded;

    @Inject
    public SigningKeys(SigningKeyRepository repository, TokenConfig config) {
        this.repository = repository;
        // Both fail startup with a message naming the setting when misconfigured.
        this.keyEncryptionKey = KeyEncryptionKey.fromConfig(config.keyEncryptionKey());
        this.algorithmForNewKeys = SigningAlgorithm.fromConfig(config.signingAlgorithm());
        this.idTokenAlgorithm = SigningAlgorithm.fromConfig(config.idTokenSigningAlgorithm());
        // The default first; RS256 and ES256 are what clients may register (OpenID Connect Dynamic Registration §2).
        this.idTokenAlgorithms = List.copyOf(new LinkedHashSet<>(
                List.of(idTokenAlgorithm, SigningAlgorithm.RS256, SigningAlgorithm.ES256)));
        Set<SigningAlgorithm> rings = new LinkedHashSet<>(List.of(algorithmForNewKeys));
        rings.addAll(idTokenAlgorithms);
        this.algorithms = List.copyOf(rings);
    }

    /** Loads the published keys once an ACTIVE key exists; a replica is not ready before this. */
    public void start() {
        reload();
        if (loaded == null) {
            throw new IllegalStateException("No ACTIVE signing key could be loaded");
        }
        LOG.infof("Signing with key(s) %s; %d key(s) published", loaded.active.values().stream()
                .map(key -> key.kid() + " (" + key.algorithm() + ")").collect(Collectors.joining(", ")),
                loaded.publishedKids.size());
    }

    @Scheduled(identity = "signing-key-reload", every = "${token.key-reload-interval}",
            delayed = "${token.key-reload-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledReload() {
        try {
            reload();
        } catch (RuntimeException e) {
            // The keys in memory stay valid; a database hiccup must not stop token issuance.
            LOG.warnf(e, "Could not reload signing keys; keeping the %s loaded ones",
                    loaded == null ? 0 : loaded.publishedKids.size());
        }
    }

    /** Re-reads the published keys and the active one from the database. */
    public void reload() {
        Instant now = Instant.now();
        List<SigningKey> published = QuarkusTransaction.requiringNew().call(() -> repository.findPublished(now));
        Map<SigningAlgorithm, ActiveKey> active = new EnumMap<>(SigningAlgorithm.class);
        Map<SigningAlgorithm, Schedule> schedules = new EnumMap<>(SigningAlgorithm.class);
        for (SigningAlgorithm algorithm : algorithms) {
            Optional<SigningKey> row = published.stream().filter(key -> key.status == SigningKeyStatus.ACTIVE
                    && key.algorithm.equals(algorithm.name())).findFirst();
            if (row.isEmpty()) {
                LOG.warnf("No ACTIVE %s signing key in the database; keeping the keys loaded before", algorithm);
                return;
            }
            active.put(algorithm, activeKey(row.get()));
            Instant nextAt = published.stream().filter(key -> key.status == SigningKeyStatus.NEXT
                    && key.algorithm.equals(algorithm.name())).findFirst().map(key -> key.activateAt).orElse(null);
            schedules.put(algorithm, new Schedule(Objects.requireNonNullElse(row.get().activatedAt,
                    row.get().createdAt), nextAt));
        }
        List<JsonWebKey> publicKeys = new ArrayList<>();
        for (SigningKey key : published) {
            try {
                publicKeys.add(PublicJsonWebKey.Factory.newPublicJwk(key.publicJwk));
            } catch (JoseException e) {
                LOG.errorf("Signing key %s has an unreadable public JWK; not publishing it", key.kid);
            }
        }
        Set<String> kids = publicKeys.stream().map(JsonWebKey::getKeyId).collect(Collectors.toUnmodifiableSet());
        decrypted.keySet().retainAll(kids);
        Loaded previous = loaded;
        loaded = new Loaded(Map.copyOf(active), Map.copyOf(schedules),
                new JsonWebKeySet(publicKeys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY),
                kids, publicKeys.stream().map(BouncyCastleJca::publicJwk).toList());
        for (ActiveKey key : active.values()) {
            ActiveKey before = previous == null ? null : previous.active.get(key.algorithm());
            if (before != null && !before.kid().equals(key.kid())) {
                LOG.infof("Active %s signing key changed from %s to %s", key.algorithm(), before.kid(), key.kid());
            }
        }
    }

    /** The key that signs new access tokens; 503 rather than a 500 if a request races a failed startup. */
    ActiveKey active() {
        return active(algorithmForNewKeys);
    }

    /** The key that signs new ID tokens of a client that registered {@code algorithm} (null: the default). */
    ActiveKey activeForIdTokens(String algorithm) {
        return active(idTokenAlgorithmFor(algorithm));
    }

    /**
     * The ID token algorithm of a client: the one it registered, or the default for none (and for a value this
     * service does not sign with, which registration-service does not accept in the first place).
     */
    public SigningAlgorithm idTokenAlgorithmFor(String registered) {
        return idTokenAlgorithms.stream().filter(algorithm -> algorithm.name().equals(registered)).findFirst()
                .orElse(idTokenAlgorithm);
    }

    private ActiveKey active(SigningAlgorithm algorithm) {
        Loaded current = loaded;
        if (current == null) {
            throw new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE, 503, "Signing keys are not loaded yet",
                    Map.of("Retry-After", "5"));
        }
        return current.active.get(algorithm);
    }

    /** The JWK Set document of every published key, serialised once per reload. */
    public String jwks() {
        Loaded current = loaded;
        return current == null ? "{\"keys\":[]}" : current.jwksJson;
    }

    /**
     * The published public keys, as Bouncy Castle's objects: what tokens this service issued verify against (through
     * {@link BouncyCastleJca#PROVIDER_CONTEXT}).
     */
    List<JsonWebKey> verificationKeys() {
        Loaded current = loaded;
        return current == null ? List.of() : current.publicKeys;
    }

    public boolean isReady() {
        return loaded != null;
    }

    /** The kid signing access tokens now. */
    public Optional<String> activeKid() {
        return activeKid(algorithmForNewKeys);
    }

    public Optional<String> activeKid(SigningAlgorithm algorithm) {
        Loaded current = loaded;
        return current == null ? Optional.empty()
                : Optional.ofNullable(current.active.get(algorithm)).map(ActiveKey::kid);
    }

    /** The ring's schedule as of the last reload; empty before the first. */
    public Optional<Schedule> schedule(SigningAlgorithm algorithm) {
        Loaded current = loaded;
        return current == null ? Optional.empty() : Optional.ofNullable(current.schedules.get(algorithm));
    }

    public Set<String> publishedKids() {
        Loaded current = loaded;
        return current == null ? Set.of() : current.publishedKids;
    }

    /** The algorithm of access tokens ({@code token.signing-algorithm}). */
    public SigningAlgorithm algorithmForNewKeys() {
        return algorithmForNewKeys;
    }

    /** The default algorithm of ID tokens ({@code token.id-token-signing-algorithm}). */
    public SigningAlgorithm idTokenAlgorithm() {
        return idTokenAlgorithm;
    }

    /** Every algorithm ID tokens are signed with, the default first. */
    public List<SigningAlgorithm> idTokenAlgorithms() {
        return idTokenAlgorithms;
    }

    /** Every algorithm with a ring of keys, the access tokens' first. */
    public List<SigningAlgorithm> algorithms() {
        return algorithms;
    }

    private ActiveKey activeKey(SigningKey row) {
        SigningAlgorithm algorithm = SigningAlgorithm.fromConfig(row.algorithm);
        PrivateKey privateKey = decrypted.computeIfAbsent(row.kid, kid -> decryptPrivateKey(row));
        return new ActiveKey(row.kid, algorithm, privateKey);
    }

    private PrivateKey decryptPrivateKey(SigningKey row) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(keyEncryptionKey.decrypt(row.privateJwe));
            // A JWE copied from another row would decrypt fine; the kid inside must match the row's.
            if (!row.kid.equals(jwk.getKeyId()) || jwk.getPrivateKey() == null) {
                throw new IllegalStateException("Signing key " + row.kid + " does not hold its own private key");
            }
            return BouncyCastleJca.privateKey(jwk.getPrivateKey());
        } catch (JoseException e) {
            throw new IllegalStateException("Signing key " + row.kid + " has an unreadable private JWK", e);
        }
    }

    /** The key that signs: kid for the header, algorithm and private key. */
    record ActiveKey(String kid, SigningAlgorithm algorithm, PrivateKey privateKey) {
    }

    /**
     * When the ACTIVE key of a ring took over, and when its NEXT key is due to (null when it has none), as of the
     * last reload: what {@link SigningKeyMetrics} reports.
     */
    public record Schedule(Instant activeSince, Instant nextActivationAt) {
    }

    private record Loaded(Map<SigningAlgorithm, ActiveKey> active, Map<SigningAlgorithm, Schedule> schedules,
                          String jwksJson, Set<String> publishedKids, List<JsonWebKey> publicKeys) {
    }
}
