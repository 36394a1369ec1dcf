-- The JWS algorithm of the client's ID tokens (OpenID Connect Dynamic Client Registration §2
-- id_token_signed_response_alg): RS256, the default every client had so far, or ES256.
ALTER TABLE client
    ADD COLUMN id_token_signed_response_alg varchar(16) NOT NULL DEFAULT 'RS256';
