-- OIDC Core §5.1 standard claims: given_name and family_name (optional, edited by the user on /account) and
-- updated_at, when the account's released information last changed. Existing accounts last changed when created.
ALTER TABLE account
    ADD COLUMN given_name  text,
    ADD COLUMN family_name text,
    ADD COLUMN updated_at  timestamptz;
UPDATE account SET updated_at = created_at;
ALTER TABLE account
    ALTER COLUMN updated_at SET NOT NULL,
    ALTER COLUMN updated_at SET DEFAULT now();
