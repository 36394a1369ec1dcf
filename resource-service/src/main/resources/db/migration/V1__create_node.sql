-- A user's data nodes. Every query filters by owner_id first: one user's data is never visible to another.
CREATE TABLE node (
    id          UUID         PRIMARY KEY,
    owner_id    UUID         NOT NULL,
    type        VARCHAR(32)  NOT NULL,
    title       VARCHAR(200) NOT NULL,
    content     TEXT         NOT NULL DEFAULT '',
    tags        TEXT[]       NOT NULL DEFAULT '{}',
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);
-- Keyset pagination walks (owner_id, created_at DESC, id DESC); type filters ride the same index prefix.
CREATE INDEX node_owner_created_idx ON node (owner_id, created_at DESC, id DESC);
CREATE INDEX node_owner_type_created_idx ON node (owner_id, type, created_at DESC, id DESC);
CREATE INDEX node_tags_idx ON node USING GIN (tags);
