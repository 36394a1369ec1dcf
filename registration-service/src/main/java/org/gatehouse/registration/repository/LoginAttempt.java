package org.gatehouse.registration.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The password attempts of one throttled subject (an account or a client IP) in its current window. */
@Entity
@Table(name = "login_attempt")
public class LoginAttempt {

    /** Kind prefix and SHA-256 of the value, e.g. {@code account:<b64url>}. */
    @Id
    @Column(name = "subject", length = 80)
    public String subject;

    @Column(name = "window_started_at", nullable = false)
    public Instant windowStartedAt;

    @Column(name = "attempts", nullable = false)
    public int attempts;
}
