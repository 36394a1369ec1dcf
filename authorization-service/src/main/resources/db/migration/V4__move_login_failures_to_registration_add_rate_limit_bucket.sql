-- Failed sign-ins are now counted where accounts live (registration-service's login_attempt, shared with
-- token-service's /authenticate), so this service's own failure rows go.
DROP TABLE login_failure;

-- Request limits of POST /login per account and per IP, shared by every replica (platform-common SharedBuckets,
-- Bucket4j's PostgreSQL proxy manager): one token bucket per route and subject. id = route + ':' + SHA-256 of the
-- subject, so client input is never stored; state = Bucket4j's serialized bucket; expires_at (epoch ms) = when the
-- bucket is full again plus a grace period, after which RateLimitBucketCleanup may delete the row.
CREATE TABLE rate_limit_bucket (
    id          VARCHAR(128) PRIMARY KEY,
    state       BYTEA,
    expires_at  BIGINT
);
CREATE INDEX rate_limit_bucket_expires_idx ON rate_limit_bucket (expires_at);
