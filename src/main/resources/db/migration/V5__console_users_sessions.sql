-- The web console's own sign-in (issue 16). Console users are ClassLark support or a school's admin;
-- a school admin belongs to one account, support to none. Secrets are never stored: a set-password
-- link and a session are kept as the SHA-256 hash of their random value, a password as its Argon2id
-- hash. Every node reads the same rows, so any node serves any request.

CREATE TABLE console_users (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    email            VARCHAR(320) NOT NULL,
    email_key        VARCHAR(320) NOT NULL,
    role             VARCHAR(32)  NOT NULL,
    account_id       VARCHAR(36)  REFERENCES accounts (id),
    password_hash    VARCHAR(512),
    created_at       BIGINT       NOT NULL,
    password_set_at  BIGINT,
    disabled_at      BIGINT
);
CREATE UNIQUE INDEX console_users_by_email ON console_users (email_key);

-- One-time links to set a password: valid until expires_at, spent when used_at is set.
CREATE TABLE console_password_links (
    link_hash   VARCHAR(64) NOT NULL PRIMARY KEY,
    user_id     VARCHAR(36) NOT NULL REFERENCES console_users (id),
    created_at  BIGINT      NOT NULL,
    expires_at  BIGINT      NOT NULL,
    used_at     BIGINT
);
CREATE INDEX console_password_links_by_user ON console_password_links (user_id);

-- Signed-in browsers. A session ends after 8 hours without a request (last_seen_at), on sign-out,
-- and for every browser of a user whose password changes or who is disabled.
CREATE TABLE console_sessions (
    session_hash  VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id       VARCHAR(36)  NOT NULL REFERENCES console_users (id),
    csrf_token    VARCHAR(64)  NOT NULL,
    created_at    BIGINT       NOT NULL,
    last_seen_at  BIGINT       NOT NULL
);
CREATE INDEX console_sessions_by_user ON console_sessions (user_id);
CREATE INDEX console_sessions_by_last_seen ON console_sessions (last_seen_at);

-- Failed sign-ins in a row per email address (known or not, so that refusals tell nothing about
-- which addresses exist), to slow down guessing.
CREATE TABLE console_sign_in_failures (
    email_key        VARCHAR(320) NOT NULL PRIMARY KEY,
    failures         INTEGER      NOT NULL,
    last_failure_at  BIGINT       NOT NULL
);
CREATE INDEX console_sign_in_failures_by_time ON console_sign_in_failures (last_failure_at);
