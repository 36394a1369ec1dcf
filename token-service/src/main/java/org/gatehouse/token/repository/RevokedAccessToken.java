package org.gatehouse.token.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A denylisted access token, kept until it would have expired anyway. */
@Entity
@Table(name = "revoked_access_token")
public class RevokedAccessToken {

    @Id
    @Column(name = "jti", length = 64)
    public String jti;

    @Column(name = "exp", nullable = false)
    public Instant exp;

    @Column(name = "revoked_at", nullable = false)
    public Instant revokedAt;
}
