-- A username may now be an e-mail address (ASCII, at most 254 characters, as RFC 5321 allows) besides a bare name of
-- 3 to 32 [A-Za-z0-9_.-]. The service validates the address's full shape; the database keeps the coarse bounds:
-- printable ASCII without spaces, exactly one '@' with text either side. Existing rows already satisfy both.
-- username_key stays lower(username): the service's key is NFKC then lower case, which for ASCII names is the same,
-- so every existing key, and with it every existing login, is unchanged.
ALTER TABLE account DROP CONSTRAINT account_username_shape;
ALTER TABLE account ADD CONSTRAINT account_username_shape CHECK (
    username ~ '^[A-Za-z0-9_.-]{3,32}$'
    OR (length(username) <= 254 AND username ~ '^[!-?A-~]{1,64}@[A-Za-z0-9.-]+$')
);
