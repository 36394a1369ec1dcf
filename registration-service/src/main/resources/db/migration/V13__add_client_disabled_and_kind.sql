-- The operator plane: an operator may disable a client (token-service then answers invalid_client, as for an unknown
-- one), and the admin API tells the kinds of clients apart. Mastodon apps (POST /api/v1/apps) are the clients
-- registered without a registration access token; every other client row is an OAuth client.
ALTER TABLE client
    ADD COLUMN disabled boolean NOT NULL DEFAULT false,
    ADD COLUMN kind     text    NOT NULL DEFAULT 'oauth',
    ADD CONSTRAINT client_kind_known CHECK (kind IN ('oauth', 'mastodon'));

UPDATE client SET kind = 'mastodon' WHERE registration_token_hash IS NULL;

-- Keyset pagination of the admin list: (created_at, client_id) order, both unique together.
CREATE INDEX client_created_at_client_id_idx ON client (created_at, client_id);
