package org.gatehouse.registration.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A user account. The username and email keep the form the user typed; their normalised {@link #key keys} carry the
 * case-insensitive unique constraints. The password exists here only as an Argon2id PHC string.
 */
@Entity
@Table(name = "account")
public class Account {

    @Id
    private UUID id;

    @Column(name = "username", nullable = false, updatable = false)
    private String username;

    @Column(name = "username_key", nullable = false, updatable = false)
    private String usernameKey;

    @Column(name = "email")
    private String email;

    @Column(name = "email_key")
    private String emailKey;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "given_name")
    private String givenName;

    @Column(name = "family_name")
    private String familyName;

    @Column(name = "middle_name")
    private String middleName;

    @Column(name = "nickname")
    private String nickname;

    @Column(name = "profile")
    private String profile;

    @Column(name = "picture")
    private String picture;

    @Column(name = "website")
    private String website;

    @Column(name = "gender")
    private String gender;

    @Column(name = "birthdate")
    private String birthdate;

    @Column(name = "zoneinfo")
    private String zoneinfo;

    @Column(name = "locale")
    private String locale;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "user_key", nullable = false, updatable = false)
    private String userKey;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Account() {
        // for JPA
    }

    public Account(String username, String email, String displayName, String passwordHash, String userKey,
                   Instant createdAt) {
        this.id = UUID.randomUUID();
        this.username = username;
        this.usernameKey = key(username);
        this.email = email;
        this.emailKey = email == null ? null : key(email);
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.userKey = userKey;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    /**
     * The form that uniqueness and lookups compare: Unicode NFKC, then lower case, so {@code Alice@Example.com},
     * {@code alice@example.com} and a fullwidth {@code ａlice@example.com} typed at login are one name. Stored names
     * are ASCII (see AccountValidator), whose lower case is their case fold, so the stored keys are plain
     * {@code lower(username)}, which the schema checks.
     */
    public static String key(String value) {
        return Normalizer.normalize(value, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    public UUID getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getEmail() {
        return email;
    }

    public String getDisplayName() {
        return displayName;
    }

    /** The profile claims the user gave on {@code /account}, with the display name. */
    public ProfileClaims getProfileClaims() {
        return new ProfileClaims(displayName, givenName, familyName, middleName, nickname, profile, picture, website,
                gender, birthdate, zoneinfo, locale);
    }

    /**
     * Replaces the profile claims; {@code updated_at} moves to {@code now} only when one of them changes, so it stays
     * the time the information last changed (OIDC Core §5.1), not the last time a form was saved.
     *
     * @return whether anything changed
     */
    public boolean changeProfileClaims(ProfileClaims claims, Instant now) {
        if (claims.equals(getProfileClaims())) {
            return false;
        }
        this.displayName = claims.displayName();
        this.givenName = claims.givenName();
        this.familyName = claims.familyName();
        this.middleName = claims.middleName();
        this.nickname = claims.nickname();
        this.profile = claims.profile();
        this.picture = claims.picture();
        this.website = claims.website();
        this.gender = claims.gender();
        this.birthdate = claims.birthdate();
        this.zoneinfo = claims.zoneinfo();
        this.locale = claims.locale();
        this.updatedAt = now;
        return true;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    /** Replaces the hash with one of the same password under current parameters (rehash on login). */
    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public String getUserKey() {
        return userKey;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /** When the information the account releases (its profile claims) last changed: OIDC's {@code updated_at}. */
    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
