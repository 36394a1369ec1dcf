package org.gatehouse.token.issue;

import org.gatehouse.token.repository.SigningKey;
import org.gatehouse.token.repository.SigningKeyStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The signing keys of every algorithm and their states as stored, oldest first; public data only (no key material).
 * {@code accessTokenAlgorithm} names the ring that signs access tokens.
 */
public record KeyRing(List<Key> keys, String accessTokenAlgorithm) {

    static KeyRing of(List<SigningKey> rows, SigningAlgorithm accessTokenAlgorithm) {
        return new KeyRing(rows.stream().map(row -> new Key(row.kid, row.algorithm, row.status, row.createdAt,
                row.activatedAt, row.activateAt, row.retiredAt, row.unpublishAt)).toList(),
                accessTokenAlgorithm.name());
    }

    /** The key in that state of the access tokens' ring. */
    public Optional<Key> withStatus(SigningKeyStatus status) {
        return withStatus(status, accessTokenAlgorithm);
    }

    public Optional<Key> withStatus(SigningKeyStatus status, String algorithm) {
        return keys.stream().filter(key -> key.status() == status && key.algorithm().equals(algorithm)).findFirst();
    }

    public record Key(String kid, String algorithm, SigningKeyStatus status, Instant createdAt, Instant activatedAt,
                      Instant activateAt, Instant retiredAt, Instant unpublishAt) {
    }
}
