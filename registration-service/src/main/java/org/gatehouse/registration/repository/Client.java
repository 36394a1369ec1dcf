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
 * A registered OAuth client (RFC 7591 §2 metadata). Never holds a secret in clear: secrets are hashed in
 * {@link ClientSecret}, the registration access token is hashed here, and the one secret a {@code client_secret_jwt}
 * client needs back is kept encrypted.
 */
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

    @Column(name = "registration_token_hash")
    private String registrationTokenHash;

    @Column(name = "jwks")
    private String jwks;

    @Column(name = "jwks_uri")
    private String jwksUri;

    @Column(name = "jwt_secret_ciphertext")
    private String jwtSecretCiphertext;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "contacts", nullable = false, columnDefinition = "text[]")
    private List<String> contacts = List.of();

    @Column(name = "logo_uri")
    private String logoUri;

    @Column(name = "tos_uri")
    private String tosUri;

    @Column(name = "policy_uri")
    private String policyUri;

    @Column(name = "software_id")
    private String softwareId;

    @Column(name = "software_version")
    private String softwareVersion;

    @Column(name = "require_pkce", nullable = false)
    private boolean requirePkce;

    /** RS256 unless the client registered another (the column's default too). */
    @Column(name = "id_token_signed_response_alg", nullable = false)
    private String idTokenSignedResponseAlg = "RS256";

    /** RS256 or ES256 for a signed UserInfo answer; {@code null} (the default) for plain JSON. */
    @Column(name = "userinfo_signed_response_alg")
    private String userinfoSignedResponseAlg;

    /** A disabled client is refused as if unknown ({@code invalid_client}); an operator sets it. */
    @Column(name = "disabled", nullable = false)
    private boolean disabled;

    /** {@code oauth} or {@code mastodon} ({@link #MASTODON}): how the client was registered. */
    @Column(name = "kind", nullable = false)
    private String kind = OAUTH;

    public static final String OAUTH = "oauth";
    public static final String MASTODON = "mastodon";

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

    /** Replaces the metadata every client has (RFC 7592 §2.2 update replaces, it never merges). */
    public void replaceMetadata(String clientName, String website, List<String> redirectUris, List<String> scopes,
                                List<String> grantTypes, List<String> tokenEndpointAuthMethods) {
        this.clientName = clientName;
        this.website = website;
        this.redirectUris = List.copyOf(redirectUris);
        this.scopes = List.copyOf(scopes);
        this.grantTypes = List.copyOf(grantTypes);
        this.tokenEndpointAuthMethods = List.copyOf(tokenEndpointAuthMethods);
    }

    /** Replaces the RFC 7591 §2 metadata only dynamically registered clients carry; {@code null} clears a value. */
    public void replaceDynamicMetadata(List<String> contacts, String logoUri, String tosUri, String policyUri,
                                       String jwks, String jwksUri, String softwareId, String softwareVersion) {
        this.contacts = contacts == null ? List.of() : List.copyOf(contacts);
        this.logoUri = logoUri;
        this.tosUri = tosUri;
        this.policyUri = policyUri;
        this.jwks = jwks;
        this.jwksUri = jwksUri;
        this.softwareId = softwareId;
        this.softwareVersion = softwareVersion;
    }

    public boolean isDisabled() {
        return disabled;
    }

    public void setDisabled(boolean disabled) {
        this.disabled = disabled;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    /** Operator changes (admin API): the name, redirect URIs and scopes, each already validated. */
    public void setClientName(String clientName) {
        this.clientName = clientName;
    }

    public void setRedirectUris(List<String> redirectUris) {
        this.redirectUris = List.copyOf(redirectUris);
    }

    public void setScopes(List<String> scopes) {
        this.scopes = List.copyOf(scopes);
    }

    /** Whether every authorization request of this client must carry PKCE (RFC 9700 §2.1.1). */
    public void setRequirePkce(boolean requirePkce) {
        this.requirePkce = requirePkce;
    }

    public boolean isRequirePkce() {
        return requirePkce;
    }

    /** The JWS algorithm of this client's ID tokens (OpenID Connect Dynamic Client Registration §2). */
    public void setIdTokenSignedResponseAlg(String idTokenSignedResponseAlg) {
        this.idTokenSignedResponseAlg = idTokenSignedResponseAlg;
    }

    public String getIdTokenSignedResponseAlg() {
        return idTokenSignedResponseAlg;
    }

    /** The JWS algorithm of this client's UserInfo answers (OpenID Connect Dynamic Client Registration §2). */
    public void setUserinfoSignedResponseAlg(String userinfoSignedResponseAlg) {
        this.userinfoSignedResponseAlg = userinfoSignedResponseAlg;
    }

    public String getUserinfoSignedResponseAlg() {
        return userinfoSignedResponseAlg;
    }

    public void setRegistrationTokenHash(String registrationTokenHash) {
        this.registrationTokenHash = registrationTokenHash;
    }

    public void setJwtSecretCiphertext(String jwtSecretCiphertext) {
        this.jwtSecretCiphertext = jwtSecretCiphertext;
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

    /** SHA-256 of the RFC 7592 registration access token; {@code null} for clients not registered via RFC 7591. */
    public String getRegistrationTokenHash() {
        return registrationTokenHash;
    }

    /** The registered JWK Set as JSON text, or {@code null}. */
    public String getJwks() {
        return jwks;
    }

    public String getJwksUri() {
        return jwksUri;
    }

    public String getJwtSecretCiphertext() {
        return jwtSecretCiphertext;
    }

    public List<String> getContacts() {
        return contacts == null ? List.of() : List.copyOf(contacts);
    }

    public String getLogoUri() {
        return logoUri;
    }

    public String getTosUri() {
        return tosUri;
    }

    public String getPolicyUri() {
        return policyUri;
    }

    public String getSoftwareId() {
        return softwareId;
    }

    public String getSoftwareVersion() {
        return softwareVersion;
    }
}
