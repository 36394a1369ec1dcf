-- OpenID Connect Core §5.5: the standard claims the authorization request named in its claims parameter, for
-- UserInfo and for the ID token, space separated (empty when none), handed to token-service with the code.
ALTER TABLE authorization_code
    ADD COLUMN userinfo_claims VARCHAR(1000) NOT NULL DEFAULT '',
    ADD COLUMN id_token_claims VARCHAR(1000) NOT NULL DEFAULT '';
