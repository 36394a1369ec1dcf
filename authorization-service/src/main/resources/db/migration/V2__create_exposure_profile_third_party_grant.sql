-- Flow 5: users' exposure profiles and their grants to third-party (tp_) apps.

-- A named set of granular permissions a user owns. Names are unique per user, ignoring case.
CREATE TABLE exposure_profile (
    id           UUID          PRIMARY KEY,
    user_id      VARCHAR(255)  NOT NULL,
    name         VARCHAR(100)  NOT NULL,
    -- Granular permissions of platform-common's Permissions, space separated, aliases already expanded.
    permissions  VARCHAR(2000) NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL,
    updated_at   TIMESTAMPTZ   NOT NULL
);
CREATE UNIQUE INDEX exposure_profile_user_name_idx ON exposure_profile (user_id, lower(name));

-- Users whose default profiles ("Basic", "Everything") were created, so deleting them does not bring them back.
CREATE TABLE exposure_profile_defaults (
    user_id      VARCHAR(255)  PRIMARY KEY,
    created_at   TIMESTAMPTZ   NOT NULL
);

-- A user's approval of a third-party app through one of their profiles. At most one live grant per user and app;
-- a new approval replaces it, revoked rows stay as history. A live grant keeps its profile: the profile cannot be
-- deleted under it (the service answers 409 first; the CHECK holds even if a race slipped past).
CREATE TABLE third_party_grant (
    id           UUID          PRIMARY KEY,
    user_id      VARCHAR(255)  NOT NULL,
    client_id    VARCHAR(255)  NOT NULL,
    profile_id   UUID          REFERENCES exposure_profile (id) ON DELETE SET NULL,
    granted_at   TIMESTAMPTZ   NOT NULL,
    revoked_at   TIMESTAMPTZ,
    CONSTRAINT third_party_grant_live_has_profile CHECK (revoked_at IS NOT NULL OR profile_id IS NOT NULL)
);
CREATE UNIQUE INDEX third_party_grant_live_idx ON third_party_grant (user_id, client_id) WHERE revoked_at IS NULL;
CREATE INDEX third_party_grant_profile_idx ON third_party_grant (profile_id);
