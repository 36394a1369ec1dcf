-- Refresh-token families (RFC 6819 §5.2.2.3, OAuth 2.1 §4.3.1): every token issued from one grant (an
-- authorization code, a first-party login) belongs to one family; revoking the family revokes its refresh
-- tokens and denylists its live access tokens. The family row is also the lock that serialises rotation and
-- revocation of the family (SELECT ... FOR UPDATE), so a revocation never misses a token rotated concurrently.
CREATE TABLE token_family (
    id          UUID         PRIMARY KEY,
    client_id   VARCHAR(255) NOT NULL,
    user_id     VARCHAR(255) NOT NULL,
    -- The authorization code the family came from (authorization-service's code id); null for first-party logins.
    code_id     VARCHAR(64),
    created_at  TIMESTAMPTZ  NOT NULL,
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX token_family_user_client_idx ON token_family (user_id, client_id);
CREATE INDEX token_family_code_idx ON token_family (code_id) WHERE code_id IS NOT NULL;
CREATE INDEX token_family_created_idx ON token_family (created_at);

-- Opaque refresh tokens, stored only as SHA-256 (base64url). A rotated token stays until it expires so that its
-- reuse can be recognised and punished.
CREATE TABLE refresh_token (
    id          UUID         PRIMARY KEY,
    token_hash  VARCHAR(64)  NOT NULL UNIQUE,
    family_id   UUID         NOT NULL REFERENCES token_family (id) ON DELETE CASCADE,
    client_id   VARCHAR(255) NOT NULL,
    user_id     VARCHAR(255) NOT NULL,
    scope       TEXT         NOT NULL,
    issued_at   TIMESTAMPTZ  NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL,
    -- Null while this is the family's current token.
    rotated_at  TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ,
    code_id     VARCHAR(64)
);
CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);
CREATE INDEX refresh_token_expires_idx ON refresh_token (expires_at);

-- The access tokens issued in a family (jti and expiry only), so revoking the family can denylist the live ones.
CREATE TABLE family_access_token (
    jti         VARCHAR(64)  PRIMARY KEY,
    family_id   UUID         NOT NULL REFERENCES token_family (id) ON DELETE CASCADE,
    exp         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX family_access_token_family_idx ON family_access_token (family_id);
CREATE INDEX family_access_token_exp_idx ON family_access_token (exp);

-- Denylist of revoked access tokens until they expire; resource servers poll it (GET /internal/revoked-jtis).
CREATE TABLE revoked_access_token (
    jti         VARCHAR(64)  PRIMARY KEY,
    exp         TIMESTAMPTZ  NOT NULL,
    revoked_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX revoked_access_token_revoked_idx ON revoked_access_token (revoked_at);
CREATE INDEX revoked_access_token_exp_idx ON revoked_access_token (exp);
