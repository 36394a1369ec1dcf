package org.gatehouse.token.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An access token issued in a family: enough to denylist it while it lives if the family is revoked. */
@Entity
@Table(name = "family_access_token")
public class FamilyAccessToken {

    @Id
    @Column(name = "jti", length = 64)
    public String jti;

    @Column(name = "family_id", nullable = false)
    public UUID familyId;

    @Column(name = "exp", nullable = false)
    public Instant exp;
}
