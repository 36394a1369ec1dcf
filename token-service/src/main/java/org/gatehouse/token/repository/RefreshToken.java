package org.gatehouse.token.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One refresh token of a family, known only by the SHA-256 of its value. */
@Entity
@Table(name = "refresh_token")
public class RefreshToken {

    @Id
    @Column(name = "id")
    public UUID id;

    /** SHA-256 of the token value, base64url without padding. */
    @Column(name = "token_hash", length = 64, nullable = false, unique = true)
    public String tokenHash;

    @Column(name = "family_id", nullable = false)
    public UUID familyId;

    @Column(name = "client_id", length = 255, nullable = false)
    public String clientId;

    @Column(name = "user_id", length = 255, nullable = false)
    public String userId;

    /** The scope of the grant, space separated; identical for every token of the family (RFC 6749 §6). */
    @Column(name = "scope", nullable = false, columnDefinition = "text")
    public String scope;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** When the token was exchanged for its successor; null while it is the family's current token. */
    @Column(name = "rotated_at")
    public Instant rotatedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "code_id", length = 64)
    public String codeId;

    public boolean isCurrentAt(Instant now) {
        return rotatedAt == null && revokedAt == null && expiresAt.isAfter(now);
    }
}
