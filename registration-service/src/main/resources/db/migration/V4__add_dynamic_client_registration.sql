-- Dynamic client registration (RFC 7591) and client configuration management (RFC 7592), issue 4.
-- A client registered through POST /oauth/register holds a registration access token, stored only as SHA-256
-- (base64url, no padding); Mastodon apps have none and so cannot be read or changed through /oauth/register/{id}.
-- Its single token_endpoint_auth_method is kept in the existing token_endpoint_auth_methods array (one element), the
-- one place token-service reads it from.
ALTER TABLE client
    ADD COLUMN registration_token_hash text,
    -- RFC 7591 §2 jwks: a JWK Set of public keys only, as the JSON text the service validated.
    ADD COLUMN jwks                    text,
    ADD COLUMN jwks_uri                text,
    -- client_secret_jwt only: the secret itself is the HMAC key of the client's assertions (RFC 7523), so a hash
    -- cannot replace it. AES-256-GCM under registration.client-jwt-secret-key, the client_id as associated data:
    -- "v1.<base64url iv>.<base64url ciphertext+tag>".
    ADD COLUMN jwt_secret_ciphertext   text,
    ADD COLUMN contacts                text[] NOT NULL DEFAULT '{}',
    ADD COLUMN logo_uri                text,
    ADD COLUMN tos_uri                 text,
    ADD COLUMN policy_uri              text,
    ADD COLUMN software_id             text,
    ADD COLUMN software_version        text,
    ADD CONSTRAINT client_registration_token_hash_is_b64url_sha256
        CHECK (registration_token_hash ~ '^[A-Za-z0-9_-]{43}$'),
    -- RFC 7591 §2: jwks and jwks_uri MUST NOT both be present.
    ADD CONSTRAINT client_jwks_xor_jwks_uri CHECK (jwks IS NULL OR jwks_uri IS NULL),
    ADD CONSTRAINT client_jwt_secret_ciphertext_shape
        CHECK (jwt_secret_ciphertext ~ '^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$');
