-- Scheduled and on-demand rotation of signing keys (NEXT -> ACTIVE -> RETIRED -> deleted).
-- activate_at: when a NEXT key takes over signing; stored so every replica agrees on it whatever its config.
-- unpublish_at: when a RETIRED key leaves the JWKS, i.e. after every token it signed has expired.
ALTER TABLE signing_key ADD COLUMN activate_at TIMESTAMPTZ;
ALTER TABLE signing_key ADD COLUMN unpublish_at TIMESTAMPTZ;

-- Rows written before rotation existed: a day outlives every token lifetime shipped so far.
UPDATE signing_key SET activate_at = created_at + INTERVAL '1 hour' WHERE status = 'NEXT';
UPDATE signing_key SET retired_at = COALESCE(retired_at, now()) WHERE status = 'RETIRED';
UPDATE signing_key SET unpublish_at = retired_at + INTERVAL '1 day' WHERE status = 'RETIRED';

ALTER TABLE signing_key ADD CONSTRAINT signing_key_next_has_activate_at
    CHECK (status <> 'NEXT' OR activate_at IS NOT NULL);
ALTER TABLE signing_key ADD CONSTRAINT signing_key_retired_has_unpublish_at
    CHECK (status <> 'RETIRED' OR (retired_at IS NOT NULL AND unpublish_at IS NOT NULL));

-- One key waits to sign at a time; two replicas rotating at once cannot both publish one.
-- Two existing NEXT rows (only possible by hand) would fail this; keep the newest.
DELETE FROM signing_key s WHERE s.status = 'NEXT'
    AND EXISTS (SELECT 1 FROM signing_key n WHERE n.status = 'NEXT' AND n.created_at > s.created_at);
CREATE UNIQUE INDEX signing_key_one_next_idx ON signing_key (status) WHERE status = 'NEXT';
