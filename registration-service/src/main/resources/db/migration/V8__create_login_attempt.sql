-- Password attempts, the one brute-force counter of the platform: the login page (authorization-service) and
-- POST /authenticate (token-service) both check passwords here, so both count here. One row per account (its
-- normalised user name, or the name or user key typed when no account has it) and one per client IP, over a window
-- that starts with the first attempt. An attempt is counted before its password is checked (in one conditional
-- upsert, so concurrent attempts cannot all pass a limit they would together exceed); a success resets the account's
-- row and gives the IP its attempt back. Subjects are stored as SHA-256: client input is neither kept nor able to
-- bloat the key.
CREATE TABLE login_attempt (
    subject            VARCHAR(80)  PRIMARY KEY,
    window_started_at  TIMESTAMPTZ  NOT NULL,
    attempts           INTEGER      NOT NULL
);
CREATE INDEX login_attempt_window_idx ON login_attempt (window_started_at);
