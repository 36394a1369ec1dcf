-- The rest of the OIDC Core §5.1 standard claims of the profile scope, each optional and edited by the user on
-- /account/name. birthdate is text: OIDC allows YYYY-MM-DD, 0000-MM-DD (year withheld) and YYYY alone.
ALTER TABLE account
    ADD COLUMN middle_name text,
    ADD COLUMN nickname    text,
    ADD COLUMN profile     text,
    ADD COLUMN picture     text,
    ADD COLUMN website     text,
    ADD COLUMN gender      text,
    ADD COLUMN birthdate   text,
    ADD COLUMN zoneinfo    text,
    ADD COLUMN locale      text;
