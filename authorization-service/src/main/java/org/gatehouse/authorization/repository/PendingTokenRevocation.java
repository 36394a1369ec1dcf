package org.gatehouse.authorization.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A revocation of a user's tokens for a client that token-service has not confirmed yet: the outbox row written with
 * the consent's revocation, deleted once token-service confirms.
 */
@Entity
@Table(name = "pending_token_revocation")
public class PendingTokenRevocation {

    @Id
    @Column(name = "id")
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    /** Attempts started so far, the one in flight included. */
    @Column(name = "attempts", nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;
}
