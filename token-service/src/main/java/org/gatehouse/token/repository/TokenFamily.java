package org.gatehouse.token.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * The tokens issued from one grant: the refresh tokens that rotate out of each other and the access tokens issued
 * alongside them. Its row is the lock that serialises rotation against revocation.
 */
@Entity
@Table(name = "token_family")
public class TokenFamily {

    @Id
    @Column(name = "id")
    public UUID id;

    @Column(name = "client_id", length = 255, nullable = false)
    public String clientId;

    @Column(name = "user_id", length = 255, nullable = false)
    public String userId;

    /** authorization-service's id of the code the family came from; null for first-party logins. */
    @Column(name = "code_id", length = 64)
    public String codeId;

    /** Claims the authorization request named for UserInfo (OIDC Core §5.5), space separated; empty when none. */
    @Column(name = "userinfo_claims", length = 1000, nullable = false)
    public String userInfoClaims = "";

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
