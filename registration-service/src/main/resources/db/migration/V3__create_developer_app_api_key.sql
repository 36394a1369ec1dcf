-- Third-party developer apps (issue 6). Such an app never gets OAuth tokens: it calls APIs with an API key
-- (<prefix>_tp_<key id>.<secret>) on behalf of users who consented on authorization-service.
-- api_key_id is the app's stable public key id; rotating the key changes only the secret, so several secrets of
-- one key id may be valid at once while a rotation overlap lasts.
CREATE TABLE developer_app (
    id                    uuid        PRIMARY KEY,
    client_id             text        NOT NULL,
    owner_id              uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name                  text        NOT NULL,
    redirect_uris         text[]      NOT NULL DEFAULT '{}',
    requested_permissions text[]      NOT NULL DEFAULT '{}',
    api_key_id            text        NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT developer_app_client_id_unique UNIQUE (client_id),
    CONSTRAINT developer_app_api_key_id_unique UNIQUE (api_key_id),
    CONSTRAINT developer_app_client_id_shape CHECK (client_id LIKE 'tp\_%'),
    CONSTRAINT developer_app_api_key_id_shape CHECK (api_key_id ~ '^[A-Za-z0-9]{16}$'),
    CONSTRAINT developer_app_name_not_blank CHECK (length(btrim(name)) > 0)
);

CREATE INDEX developer_app_owner_idx ON developer_app (owner_id, created_at);

-- API key secrets, stored only as SHA-256 (base64url, no padding). expires_at NULL means "until rotated";
-- deleting the app deletes its keys in the same statement.
CREATE TABLE api_key (
    id          uuid        PRIMARY KEY,
    app_id      uuid        NOT NULL REFERENCES developer_app (id) ON DELETE CASCADE,
    secret_hash text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz,
    CONSTRAINT api_key_hash_is_b64url_sha256 CHECK (secret_hash ~ '^[A-Za-z0-9_-]{43}$')
);

CREATE INDEX api_key_app_idx ON api_key (app_id);
