package org.gatehouse.authorization.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A user's approval of a third-party app through one of their exposure profiles. The permissions are not copied:
 * the profile's current ones apply, so editing the profile changes what the app may do.
 */
@Entity
@Table(name = "third_party_grant")
public class ThirdPartyGrant {

    @Id
    @Column(name = "id")
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    /** Null only on revoked history rows whose profile was deleted since. */
    @Column(name = "profile_id")
    public UUID profileId;

    @Column(name = "granted_at", nullable = false)
    public Instant grantedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
