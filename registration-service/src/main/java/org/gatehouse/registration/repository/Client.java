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

/** A registered OAuth client (RFC 7591 §2 metadata). Never holds a secret, only its hashes do. */
@Entity
@Table(name = "client")
public class Client {

    @Id
    private UUID id;

    @Column(name = "client_id", nullable = false, unique = true, updatable = false)
    private String clientId;

    @Column(name = "client_name", nullable = false)
    private String clientName;

    @Column(name = "website")
    private String website;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "redirect_uris", nullable = false, columnDefinition = "text[]")
    private List<String> redirectUris;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "scopes", nullable = false, columnDefinition = "text[]")
    private List<String> scopes;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "grant_types", nullable = false, columnDefinition = "text[]")
    private List<String> grantTypes;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "token_endpoint_auth_methods", nullable = false, columnDefinition = "text[]")
    private List<String> tokenEndpointAuthMethods;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Client() {
        // for JPA
    }

    public Client(String clientId, String clientName, String website, List<String> redirectUris, List<String> scopes,
                  List<String> grantTypes, List<String> tokenEndpointAuthMethods, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.clientId = clientId;
        this.clientName = clientName;
        this.website = website;
        this.redirectUris = List.copyOf(redirectUris);
        this.scopes = List.copyOf(scopes);
        this.grantTypes = List.copyOf(grantTypes);
        this.tokenEndpointAuthMethods = List.copyOf(tokenEndpointAuthMethods);
        this.createdAt = createdAt;
    }

    public UUID getId() {
        return id;
    }

    public String getClientId() {
        return clientId;
    }

    public String getClientName() {
        return clientName;
    }

    public String getWebsite() {
        return website;
    }

    public List<String> getRedirectUris() {
        return List.copyOf(redirectUris);
    }

    public List<String> getScopes() {
        return List.copyOf(scopes);
    }

    public List<String> getGrantTypes() {
        return List.copyOf(grantTypes);
    }

    public List<String> getTokenEndpointAuthMethods() {
        return List.copyOf(tokenEndpointAuthMethods);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
