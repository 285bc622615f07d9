-- The provisioning log (issue 15): one row per SCIM write and per failed SCIM request of a school,
-- as ClassLark answered it. Never a request body or an attribute value: changes holds attribute
-- names only (a JSON array), detail the error detail the client received. failed is status >= 400,
-- kept as a column so that "failures only" uses an index. Newest first is (at DESC, id DESC): the
-- keyset of the API's cursor. Rows older than --log-retention are deleted in small batches by every
-- node (provisioning_log_by_at).
CREATE TABLE provisioning_log (
    account_id        VARCHAR(36)   NOT NULL REFERENCES accounts (id),
    id                VARCHAR(36)   NOT NULL,
    at                BIGINT        NOT NULL,
    method            VARCHAR(8)    NOT NULL,
    path              VARCHAR(512)  NOT NULL,
    operation         VARCHAR(16)   NOT NULL,
    resource_type     VARCHAR(16),
    resource_id       VARCHAR(128),
    resource_name     VARCHAR(512),
    status            INTEGER       NOT NULL,
    failed            BOOLEAN       NOT NULL,
    scim_type         VARCHAR(32),
    detail            VARCHAR(2000),
    changes           VARCHAR(2000),
    token_id          VARCHAR(36),
    token_prefix      VARCHAR(16),
    correlation_id    VARCHAR(64)   NOT NULL,
    duration_ms       BIGINT        NOT NULL,
    client_request_id VARCHAR(128),
    PRIMARY KEY (account_id, id)
);
CREATE INDEX provisioning_log_newest ON provisioning_log (account_id, at, id);
CREATE INDEX provisioning_log_by_outcome ON provisioning_log (account_id, failed, at, id);
CREATE INDEX provisioning_log_by_resource ON provisioning_log (account_id, resource_id, at, id);
CREATE INDEX provisioning_log_by_at ON provisioning_log (at);
