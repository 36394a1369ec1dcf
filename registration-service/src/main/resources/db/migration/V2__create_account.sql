-- User accounts: one model for web sign-up (/signup) and the credential API (/register).
-- Usernames and emails are unique case-insensitively. The lower-case keys are stored next to the form the user
-- typed, so the unique constraints are plain b-tree indexes and a lookup needs no function index.
-- (email_key is lower-cased by the service, not checked here: PostgreSQL's lower() follows the database locale
-- for non-ASCII letters, Java's Locale.ROOT does not.)
-- The password is kept only as an Argon2id PHC string ($argon2id$v=19$m=...,t=...,p=...$salt$hash).
CREATE TABLE account (
    id            uuid        PRIMARY KEY,
    username      text        NOT NULL,
    username_key  text        NOT NULL,
    email         text,
    email_key     text,
    display_name  text        NOT NULL,
    password_hash text        NOT NULL,
    user_key      text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT account_username_key_unique UNIQUE (username_key),
    CONSTRAINT account_email_key_unique UNIQUE (email_key),
    CONSTRAINT account_user_key_unique UNIQUE (user_key),
    CONSTRAINT account_username_key_is_lower CHECK (username_key = lower(username)),
    CONSTRAINT account_username_shape CHECK (username ~ '^[A-Za-z0-9_.-]{3,32}$')
);
