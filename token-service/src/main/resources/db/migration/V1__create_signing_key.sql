-- Signing keys of access tokens. The private half is stored only as a JWE encrypted with the
-- key-encryption key (token.key-encryption-key), never in clear.
CREATE TABLE signing_key (
    kid          VARCHAR(64)  PRIMARY KEY,
    algorithm    VARCHAR(16)  NOT NULL,
    public_jwk   TEXT         NOT NULL,
    private_jwe  TEXT         NOT NULL,
    status       VARCHAR(16)  NOT NULL CHECK (status IN ('NEXT', 'ACTIVE', 'RETIRED')),
    created_at   TIMESTAMPTZ  NOT NULL,
    activated_at TIMESTAMPTZ,
    retired_at   TIMESTAMPTZ
);
CREATE INDEX signing_key_status_idx ON signing_key (status);
-- Replicas agree on one signing key: the advisory lock serialises creation, this index makes a second
-- ACTIVE row impossible even if some code path forgot the lock.
CREATE UNIQUE INDEX signing_key_one_active_idx ON signing_key (status) WHERE status = 'ACTIVE';
