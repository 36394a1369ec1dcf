package org.gatehouse.authorization.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A named set of permissions a user owns and lends to third-party apps (ARCHITECTURE.md flow 5). */
@Entity
@Table(name = "exposure_profile")
public class ExposureProfile {

    @Id
    @Column(name = "id")
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "name", length = 100, nullable = false)
    public String name;

    /** Granular permissions, space separated, aliases already expanded. */
    @Column(name = "permissions", length = 2000, nullable = false)
    public String permissions;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
