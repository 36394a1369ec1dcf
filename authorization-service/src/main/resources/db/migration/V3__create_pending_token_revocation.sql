-- Revocations of a user's tokens for a client that token-service has not confirmed yet (a transactional outbox):
-- written in the transaction that revokes the consent or grant, deleted once token-service answers, retried with
-- back-off until then. While a row exists, /account shows the app as "revocation pending".
CREATE TABLE pending_token_revocation (
    id               UUID          PRIMARY KEY,
    user_id          VARCHAR(255)  NOT NULL,
    client_id        VARCHAR(255)  NOT NULL,
    requested_at     TIMESTAMPTZ   NOT NULL,
    attempts         INTEGER       NOT NULL,
    -- Due time of the next attempt; a replica sending one moves it a lease ahead, so no other replica sends it too.
    next_attempt_at  TIMESTAMPTZ   NOT NULL
);
CREATE INDEX pending_token_revocation_due_idx ON pending_token_revocation (next_attempt_at);
CREATE INDEX pending_token_revocation_user_idx ON pending_token_revocation (user_id);
