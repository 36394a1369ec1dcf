package org.gatehouse.authorization.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One failed login, counted per account and per IP by the throttle. */
@Entity
@Table(name = "login_failure")
public class LoginFailure {

    @Id
    @Column(name = "id")
    public UUID id;

    /** The username as typed, lower-cased: failures count against a name whether or not the account exists. */
    @Column(name = "account_key", nullable = false)
    public String accountKey;

    @Column(name = "ip", length = 64, nullable = false)
    public String ip;

    @Column(name = "failed_at", nullable = false)
    public Instant failedAt;
}
