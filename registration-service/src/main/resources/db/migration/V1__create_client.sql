-- Registered OAuth clients (RFC 7591 §2 client metadata; Mastodon apps are clients too).
-- Multi-valued metadata is kept as ordered text arrays: order is visible to clients (Mastodon's
-- redirect_uri joins them) and no query ever needs to search inside them.
CREATE TABLE client (
    id                          uuid        PRIMARY KEY,
    client_id                   text        NOT NULL,
    client_name                 text        NOT NULL,
    website                     text,
    redirect_uris               text[]      NOT NULL DEFAULT '{}',
    scopes                      text[]      NOT NULL DEFAULT '{}',
    grant_types                 text[]      NOT NULL DEFAULT '{}',
    token_endpoint_auth_methods text[]      NOT NULL DEFAULT '{}',
    created_at                  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT client_client_id_key UNIQUE (client_id),
    CONSTRAINT client_client_name_not_blank CHECK (length(btrim(client_name)) > 0)
);

-- Client secrets, stored only as SHA-256 (base64url, no padding: always 43 characters).
-- Several rows per client may be valid at once so a rotated secret can overlap with its successor;
-- expires_at NULL means "until rotated".
CREATE TABLE client_secret (
    id          uuid        PRIMARY KEY,
    client_id   uuid        NOT NULL REFERENCES client (id) ON DELETE CASCADE,
    secret_hash text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz,
    CONSTRAINT client_secret_hash_is_b64url_sha256 CHECK (secret_hash ~ '^[A-Za-z0-9_-]{43}$')
);

CREATE INDEX client_secret_client_id_idx ON client_secret (client_id);
