-- The JWS algorithm of the client's UserInfo answers (OpenID Connect Dynamic Client Registration §2
-- userinfo_signed_response_alg): RS256 or ES256; NULL, the default, answers plain JSON.
ALTER TABLE client
    ADD COLUMN userinfo_signed_response_alg varchar(16);
