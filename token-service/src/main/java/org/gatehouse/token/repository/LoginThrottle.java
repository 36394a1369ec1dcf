package org.gatehouse.token.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Attempts of one throttled subject (a user key or a client IP) in the current window. */
@Entity
@Table(name = "login_throttle")
public class LoginThrottle {

    /** Kind prefix and SHA-256 of the value, e.g. {@code key:<b64url>}. */
    @Id
    @Column(name = "subject", length = 80)
    public String subject;

    @Column(name = "window_started_at", nullable = false)
    public Instant windowStartedAt;

    @Column(name = "attempts", nullable = false)
    public int attempts;
}
