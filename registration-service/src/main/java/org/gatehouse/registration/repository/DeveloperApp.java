package org.gatehouse.registration.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A third-party app a user registered on the developer dashboard. It holds no secret: its API key secrets live,
 * hashed, in {@link ApiKey}; {@code apiKeyId} is the public key id that every key of the app carries.
 */
@Entity
@Table(name = "developer_app")
public class DeveloperApp {

    /** Every developer app's {@code client_id} starts with this (checked by the table too). */
    public static final String CLIENT_ID_PREFIX = "tp_";

    @Id
    private UUID id;

    @Column(name = "client_id", nullable = false, updatable = false)
    private String clientId;

    @Column(name = "owner_id", nullable = false, updatable = false)
    private UUID ownerId;

    @Column(name = "name", nullable = false)
    private String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "redirect_uris", nullable = false, columnDefinition = "text[]")
    private List<String> redirectUris;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "requested_permissions", nullable = false, columnDefinition = "text[]")
    private List<String> requestedPermissions;

    @Column(name = "api_key_id", nullable = false, updatable = false)
    private String apiKeyId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected DeveloperApp() {
        // for JPA
    }

    public DeveloperApp(String clientId, UUID ownerId, String name, List<String> redirectUris,
                        List<String> requestedPermissions, String apiKeyId, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.clientId = clientId;
        this.ownerId = ownerId;
        this.name = name;
        this.redirectUris = List.copyOf(redirectUris);
        this.requestedPermissions = List.copyOf(requestedPermissions);
        this.apiKeyId = apiKeyId;
        this.createdAt = createdAt;
    }

    public UUID getId() {
        return id;
    }

    public String getClientId() {
        return clientId;
    }

    public UUID getOwnerId() {
        return ownerId;
    }

    public String getName() {
        return name;
    }

    public List<String> getRedirectUris() {
        return List.copyOf(redirectUris);
    }

    public List<String> getRequestedPermissions() {
        return List.copyOf(requestedPermissions);
    }

    public String getApiKeyId() {
        return apiKeyId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
