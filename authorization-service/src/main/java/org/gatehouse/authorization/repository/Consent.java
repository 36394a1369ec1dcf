package org.gatehouse.authorization.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A user's consent to a client's scopes; revoked consents stay as history with {@code revokedAt} set. */
@Entity
@Table(name = "consent")
public class Consent {

    @Id
    @Column(name = "id")
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    /** Space-separated scopes, RFC 6749 §3.3 syntax. */
    @Column(name = "scopes", length = 2000, nullable = false)
    public String scopes;

    @Column(name = "granted_at", nullable = false)
    public Instant grantedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
