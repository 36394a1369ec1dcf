package org.gatehouse.token.issue;

import org.gatehouse.token.repository.SigningKey;
import org.gatehouse.token.repository.SigningKeyStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The signing keys and their states as stored, oldest first; public data only (no key material). */
public record KeyRing(List<Key> keys) {

    static KeyRing of(List<SigningKey> rows) {
        return new KeyRing(rows.stream().map(row -> new Key(row.kid, row.algorithm, row.status, row.createdAt,
                row.activatedAt, row.activateAt, row.retiredAt, row.unpublishAt)).toList());
    }

    public Optional<Key> withStatus(SigningKeyStatus status) {
        return keys.stream().filter(key -> key.status() == status).findFirst();
    }

    public record Key(String kid, String algorithm, SigningKeyStatus status, Instant createdAt, Instant activatedAt,
                      Instant activateAt, Instant retiredAt, Instant unpublishAt) {
    }
}
