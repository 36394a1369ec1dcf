-- Brute-force protection of POST /authenticate, shared by every replica: one counter per user key and one per
-- client IP, over a window that starts with the first attempt. Subjects are stored as SHA-256 so arbitrary
-- client input is neither kept nor able to bloat the key.
CREATE TABLE login_throttle (
    subject            VARCHAR(80)  PRIMARY KEY,
    window_started_at  TIMESTAMPTZ  NOT NULL,
    attempts           INTEGER      NOT NULL
);
CREATE INDEX login_throttle_window_idx ON login_throttle (window_started_at);
