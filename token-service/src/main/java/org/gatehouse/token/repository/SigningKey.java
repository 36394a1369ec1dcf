package org.gatehouse.token.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A signing key of access tokens. The private half is only ever stored as a JWE under the key-encryption key. */
@Entity
@Table(name = "signing_key")
public class SigningKey {

    @Id
    @Column(name = "kid", length = 64)
    public String kid;

    /** JWS {@code alg} this key signs with, e.g. {@code ES256}. */
    @Column(name = "algorithm", length = 16, nullable = false)
    public String algorithm;

    /** Public JWK (JSON), exactly as published in the JWKS. */
    @Column(name = "public_jwk", nullable = false, columnDefinition = "text")
    public String publicJwk;

    /** Private JWK encrypted as a compact JWE ({@code dir}, {@code A256GCM}). */
    @Column(name = "private_jwe", nullable = false, columnDefinition = "text")
    public String privateJwe;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    public SigningKeyStatus status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "activated_at")
    public Instant activatedAt;

    @Column(name = "retired_at")
    public Instant retiredAt;

    /** NEXT only: when it takes over signing (no earlier than publish-ahead after {@link #createdAt}). */
    @Column(name = "activate_at")
    public Instant activateAt;

    /** RETIRED only: when it leaves the JWKS, once every token it signed has expired. */
    @Column(name = "unpublish_at")
    public Instant unpublishAt;
}
