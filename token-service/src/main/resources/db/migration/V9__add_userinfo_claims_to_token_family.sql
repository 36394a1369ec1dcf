-- OpenID Connect Core §5.5: the claims the authorization request named in its claims parameter, space separated
-- (empty when none); every access token of the family carries them (userinfo_claims), refreshed ones included.
ALTER TABLE token_family ADD COLUMN userinfo_claims VARCHAR(1000) NOT NULL DEFAULT '';
