-- A confidential client may ask that each of its authorization requests carry PKCE (RFC 9700 §2.1.1); public clients
-- always must. Existing clients keep PKCE optional: the documented /api/authorize.php + /api/token.php integration
-- sends no code_challenge.
ALTER TABLE client
    ADD COLUMN require_pkce boolean NOT NULL DEFAULT false;
