-- authorization-service's schema: login sessions, consents, authorization codes and failed-login records.
-- Session ids and codes are bearer secrets, so only their SHA-256 (base64url, no padding) is stored.

-- Server-side login sessions; the cookie holds a random id whose hash is session_hash.
CREATE TABLE login_session (
    id                  UUID         PRIMARY KEY,
    session_hash        VARCHAR(64)  NOT NULL UNIQUE,
    user_id             VARCHAR(255) NOT NULL,
    username            VARCHAR(255) NOT NULL,
    -- Synchronizer token of every form shown inside this session (not a secret on its own: useless without the cookie).
    csrf_token          VARCHAR(64)  NOT NULL,
    auth_time           TIMESTAMPTZ  NOT NULL,
    last_seen_at        TIMESTAMPTZ  NOT NULL,
    idle_expires_at     TIMESTAMPTZ  NOT NULL,
    absolute_expires_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX login_session_user_idx ON login_session (user_id);
CREATE INDEX login_session_idle_expiry_idx ON login_session (idle_expires_at);
CREATE INDEX login_session_absolute_expiry_idx ON login_session (absolute_expires_at);

-- A user's consent to a client's scopes. At most one live (unrevoked) consent per user and client;
-- revoked rows are kept as history.
CREATE TABLE consent (
    id          UUID          PRIMARY KEY,
    user_id     VARCHAR(255)  NOT NULL,
    client_id   VARCHAR(255)  NOT NULL,
    scopes      VARCHAR(2000) NOT NULL,
    granted_at  TIMESTAMPTZ   NOT NULL,
    revoked_at  TIMESTAMPTZ
);
CREATE UNIQUE INDEX consent_live_idx ON consent (user_id, client_id) WHERE revoked_at IS NULL;

-- RFC 6749 §4.1.2 authorization codes, single use, 60 s. Redeemed rows are kept a while past expiry so a
-- replay can still be recognised and reported with its code_id.
CREATE TABLE authorization_code (
    id                     UUID          PRIMARY KEY,
    code_hash              VARCHAR(64)   NOT NULL UNIQUE,
    client_id              VARCHAR(255)  NOT NULL,
    user_id                VARCHAR(255)  NOT NULL,
    redirect_uri           VARCHAR(2000) NOT NULL,
    redirect_uri_in_request BOOLEAN      NOT NULL,
    scope                  VARCHAR(2000) NOT NULL,
    nonce                  VARCHAR(512),
    code_challenge         VARCHAR(128),
    code_challenge_method  VARCHAR(16),
    auth_time              TIMESTAMPTZ   NOT NULL,
    created_at             TIMESTAMPTZ   NOT NULL,
    expires_at             TIMESTAMPTZ   NOT NULL,
    redeemed_at            TIMESTAMPTZ
);
CREATE INDEX authorization_code_expiry_idx ON authorization_code (expires_at);
CREATE INDEX authorization_code_user_client_idx ON authorization_code (user_id, client_id);

-- Failed logins, for brute-force throttling that holds across replicas (per account and per IP).
CREATE TABLE login_failure (
    id           UUID         PRIMARY KEY,
    account_key  VARCHAR(255) NOT NULL,
    ip           VARCHAR(64)  NOT NULL,
    failed_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX login_failure_account_idx ON login_failure (account_key, failed_at);
CREATE INDEX login_failure_ip_idx ON login_failure (ip, failed_at);
CREATE INDEX login_failure_time_idx ON login_failure (failed_at);
