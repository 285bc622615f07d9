-- Portable across SQLite and PostgreSQL: ids are random UUID text, timestamps are UTC epoch
-- milliseconds (BIGINT), booleans are BOOLEAN (SQLite stores 0/1). Tenant first in every key.

CREATE TABLE accounts (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    created_at  BIGINT       NOT NULL
);

CREATE TABLE tokens (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    account_id   VARCHAR(36)  NOT NULL REFERENCES accounts (id),
    token_hash   VARCHAR(64)  NOT NULL,
    prefix       VARCHAR(16)  NOT NULL,
    label        VARCHAR(200),
    created_at   BIGINT       NOT NULL,
    expires_at   BIGINT,
    revoked_at   BIGINT,
    last_used_at BIGINT
);
CREATE UNIQUE INDEX tokens_by_hash ON tokens (token_hash);
CREATE INDEX tokens_by_account ON tokens (account_id, created_at);

-- Staff = SCIM Users. The full resource is kept as a JSON document for round-trip fidelity; typed
-- columns hold every attribute that filters or sorts. retired_at marks a record DELETEd over SCIM:
-- invisible to SCIM, kept for ClassLark's history, its user_name free again.
CREATE TABLE staff (
    account_id     VARCHAR(36)   NOT NULL REFERENCES accounts (id),
    id             VARCHAR(36)   NOT NULL,
    user_name      VARCHAR(320)  NOT NULL,
    user_name_key  VARCHAR(320)  NOT NULL,
    external_id    VARCHAR(512),
    given_name     VARCHAR(512),
    given_name_key VARCHAR(512),
    family_name    VARCHAR(512),
    family_name_key VARCHAR(512),
    display_name   VARCHAR(512),
    display_name_key VARCHAR(512),
    user_type      VARCHAR(64),
    active         BOOLEAN       NOT NULL,
    scim_managed   BOOLEAN       NOT NULL,
    retired_at     BIGINT,
    created_at     BIGINT        NOT NULL,
    last_modified  BIGINT        NOT NULL,
    version        BIGINT        NOT NULL,
    document       TEXT          NOT NULL,
    PRIMARY KEY (account_id, id)
);
CREATE UNIQUE INDEX staff_live_user_name ON staff (account_id, user_name_key) WHERE retired_at IS NULL;
-- Lookups by externalId return rows already in the default order (creation, then id). These indexes
-- are deliberately not partial: without statistics (a school's first sync, before ANALYZE) PostgreSQL
-- preferred a partial index on retired_at to the primary key and filtered the whole school.
CREATE INDEX staff_by_external_id ON staff (account_id, external_id, created_at, id);
CREATE INDEX staff_by_last_modified ON staff (account_id, last_modified, id);
CREATE INDEX staff_by_created ON staff (account_id, created_at, id);

CREATE TABLE staff_emails (
    account_id  VARCHAR(36)   NOT NULL,
    staff_id    VARCHAR(36)   NOT NULL,
    position    INTEGER       NOT NULL,
    value       VARCHAR(320),
    value_key   VARCHAR(320),
    type        VARCHAR(64),
    type_key    VARCHAR(64),
    is_primary  BOOLEAN,
    PRIMARY KEY (account_id, staff_id, position),
    FOREIGN KEY (account_id, staff_id) REFERENCES staff (account_id, id) ON DELETE CASCADE
);
CREATE INDEX staff_emails_by_value ON staff_emails (account_id, value_key);

-- Staff groups = SCIM Groups.
CREATE TABLE staff_groups (
    account_id        VARCHAR(36)  NOT NULL REFERENCES accounts (id),
    id                VARCHAR(36)  NOT NULL,
    display_name      VARCHAR(512) NOT NULL,
    display_name_key  VARCHAR(512) NOT NULL,
    external_id       VARCHAR(512),
    scim_managed      BOOLEAN      NOT NULL,
    created_at        BIGINT       NOT NULL,
    last_modified     BIGINT       NOT NULL,
    version           BIGINT       NOT NULL,
    document          TEXT         NOT NULL,
    PRIMARY KEY (account_id, id)
);
CREATE UNIQUE INDEX staff_groups_display_name ON staff_groups (account_id, display_name_key);
CREATE INDEX staff_groups_by_external_id ON staff_groups (account_id, external_id, created_at, id);
CREATE INDEX staff_groups_by_last_modified ON staff_groups (account_id, last_modified, id);

CREATE TABLE group_members (
    account_id  VARCHAR(36) NOT NULL,
    group_id    VARCHAR(36) NOT NULL,
    member_id   VARCHAR(36) NOT NULL,
    PRIMARY KEY (account_id, group_id, member_id),
    FOREIGN KEY (account_id, group_id) REFERENCES staff_groups (account_id, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, member_id) REFERENCES staff (account_id, id)
);
CREATE INDEX group_members_by_member ON group_members (account_id, member_id);

-- Secrets shared by every node, e.g. the key that signs pagination cursors. Created by the service.
CREATE TABLE service_keys (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,
    secret      VARCHAR(128) NOT NULL,
    created_at  BIGINT       NOT NULL
);
