-- The provisioning log's table on SQLite without the index of its primary key (issue 15: the log's
-- cost on SQLite). The log writer inserts a batch of entries in one transaction, which holds SQLite's
-- one write lock while the directory's writes wait; every index of the table adds pages to the
-- batch's commit, and the primary key (account_id, id) on a random id adds one page per entry, as
-- many as every other index together but for the per-resource one. Nothing looks an entry up by
-- its id: pages read the school's keyset indexes, retention deletes by the table's own key (rowid),
-- and an entry's id stays unique by how it is made. PostgreSQL keeps V7's layout. ${sqliteOnly}
-- comments a line out on PostgreSQL.
${sqliteOnly}CREATE TABLE provisioning_log_without_key (
${sqliteOnly}    account_id        VARCHAR(36)   NOT NULL REFERENCES accounts (id),
${sqliteOnly}    id                VARCHAR(36)   NOT NULL,
${sqliteOnly}    at                BIGINT        NOT NULL,
${sqliteOnly}    method            VARCHAR(8)    NOT NULL,
${sqliteOnly}    path              VARCHAR(512)  NOT NULL,
${sqliteOnly}    operation         VARCHAR(16)   NOT NULL,
${sqliteOnly}    resource_type     VARCHAR(16),
${sqliteOnly}    resource_id       VARCHAR(128),
${sqliteOnly}    resource_name     VARCHAR(512),
${sqliteOnly}    status            INTEGER       NOT NULL,
${sqliteOnly}    failed            BOOLEAN       NOT NULL,
${sqliteOnly}    scim_type         VARCHAR(32),
${sqliteOnly}    detail            VARCHAR(2000),
${sqliteOnly}    changes           VARCHAR(2000),
${sqliteOnly}    token_id          VARCHAR(36),
${sqliteOnly}    token_prefix      VARCHAR(16),
${sqliteOnly}    correlation_id    VARCHAR(64)   NOT NULL,
${sqliteOnly}    duration_ms       BIGINT        NOT NULL,
${sqliteOnly}    client_request_id VARCHAR(128)
${sqliteOnly});
${sqliteOnly}INSERT INTO provisioning_log_without_key SELECT account_id, id, at, method, path, operation, resource_type,
${sqliteOnly}    resource_id, resource_name, status, failed, scim_type, detail, changes, token_id, token_prefix,
${sqliteOnly}    correlation_id, duration_ms, client_request_id FROM provisioning_log ORDER BY at, id;
${sqliteOnly}DROP TABLE provisioning_log;
${sqliteOnly}ALTER TABLE provisioning_log_without_key RENAME TO provisioning_log;
${sqliteOnly}CREATE INDEX provisioning_log_newest ON provisioning_log (account_id, at, id);
${sqliteOnly}CREATE INDEX provisioning_log_by_outcome ON provisioning_log (account_id, failed, at, id);
${sqliteOnly}CREATE INDEX provisioning_log_by_resource ON provisioning_log (account_id, resource_id, at, id);
${sqliteOnly}CREATE INDEX provisioning_log_by_at ON provisioning_log (at);
