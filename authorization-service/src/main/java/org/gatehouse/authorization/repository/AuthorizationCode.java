package org.gatehouse.authorization.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An issued authorization code and everything it is bound to; the code itself is only stored hashed. */
@Entity
@Table(name = "authorization_code")
public class AuthorizationCode {

    @Id
    @Column(name = "id")
    public UUID id;

    @Column(name = "code_hash", length = 64, nullable = false, unique = true)
    public String codeHash;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    /** Where the code was delivered (the registered URI the request resolved to). */
    @Column(name = "redirect_uri", length = 2000, nullable = false)
    public String redirectUri;

    /** Whether the request named {@code redirect_uri} (RFC 6749 §4.1.3 then requires it at the token endpoint). */
    @Column(name = "redirect_uri_in_request", nullable = false)
    public boolean redirectUriInRequest;

    @Column(name = "scope", length = 2000, nullable = false)
    public String scope;

    @Column(name = "nonce", length = 512)
    public String nonce;

    @Column(name = "code_challenge", length = 128)
    public String codeChallenge;

    @Column(name = "code_challenge_method", length = 16)
    public String codeChallengeMethod;

    /** OpenID Connect Core §5.5 claims named for UserInfo, space separated; empty when none. */
    @Column(name = "userinfo_claims", length = 1000, nullable = false)
    public String userInfoClaims = "";

    /** OpenID Connect Core §5.5 claims named for the ID token, space separated; empty when none. */
    @Column(name = "id_token_claims", length = 1000, nullable = false)
    public String idTokenClaims = "";

    @Column(name = "auth_time", nullable = false)
    public Instant authTime;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "redeemed_at")
    public Instant redeemedAt;
}
