-- Client assertions (RFC 7523 §3 item 7) are single use: the jti of every accepted assertion is kept, per client,
-- until the assertion would have expired anyway. The primary key makes the insert the replay check, atomically and
-- for every replica at once.
CREATE TABLE used_assertion_jti (
    client_id  VARCHAR(255) NOT NULL,
    jti        VARCHAR(255) NOT NULL,
    exp        TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (client_id, jti)
);
CREATE INDEX used_assertion_jti_exp_idx ON used_assertion_jti (exp);
