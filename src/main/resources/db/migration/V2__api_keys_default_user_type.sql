-- API keys of the directory API (/api/v1): ClassLark's application (role app) and support (role
-- support). Stored like SCIM tokens: only the SHA-256 hash of the secret and its shown prefix.
CREATE TABLE api_keys (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    key_hash    VARCHAR(64)  NOT NULL,
    prefix      VARCHAR(16)  NOT NULL,
    role        VARCHAR(16)  NOT NULL,
    label       VARCHAR(200),
    created_at  BIGINT       NOT NULL,
    revoked_at  BIGINT
);
CREATE UNIQUE INDEX api_keys_by_hash ON api_keys (key_hash);

-- The userType SCIM gives a staff member whose identity provider sent none (DESIGN.md, "Default
-- user type"); NULL keeps userType required.
ALTER TABLE accounts ADD COLUMN default_user_type VARCHAR(64);
