package org.gatehouse.authorization.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A signed-in browser. The cookie's random id is never stored, only its SHA-256. */
@Entity
@Table(name = "login_session")
public class LoginSession {

    @Id
    @Column(name = "id")
    public UUID id;

    @Column(name = "session_hash", length = 64, nullable = false, unique = true)
    public String sessionHash;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "username", nullable = false)
    public String username;

    @Column(name = "csrf_token", length = 64, nullable = false)
    public String csrfToken;

    @Column(name = "auth_time", nullable = false)
    public Instant authTime;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    @Column(name = "idle_expires_at", nullable = false)
    public Instant idleExpiresAt;

    @Column(name = "absolute_expires_at", nullable = false)
    public Instant absoluteExpiresAt;
}
