-- The change feed's table on SQLite, keyed by its position (issue 15: the outbox's cost on SQLite).
-- On SQLite every index is one more page that each write's commit appends to the write-ahead log
-- while the one write lock is held: the feed had five (the table, its primary key on a random id,
-- the unique position, the school's feed and the retention index), about a quarter of the pages of a
-- SCIM create or PATCH. Here the position is the table's own key (rowid), so the table is the global
-- feed; what is left is the school's feed and the retention index, whose pages are the newest ones.
-- An event's id stays unique by how it is made (EventIds) and is never looked up. PostgreSQL keeps
-- V8/V10's layout: its writers leave seq NULL for the sequencer. ${sqliteOnly} comments a line out
-- on PostgreSQL.
${sqliteOnly}CREATE TABLE change_events_by_position (
${sqliteOnly}    seq         INTEGER      PRIMARY KEY,
${sqliteOnly}    account_id  VARCHAR(36)  NOT NULL REFERENCES accounts (id),
${sqliteOnly}    id          VARCHAR(36)  NOT NULL,
${sqliteOnly}    tx          BIGINT       NOT NULL,
${sqliteOnly}    at          BIGINT       NOT NULL,
${sqliteOnly}    type        VARCHAR(32)  NOT NULL,
${sqliteOnly}    resource_id VARCHAR(36)  NOT NULL,
${sqliteOnly}    source      VARCHAR(8)   NOT NULL,
${sqliteOnly}    data        TEXT         NOT NULL
${sqliteOnly});
${sqliteOnly}INSERT INTO change_events_by_position (seq, account_id, id, tx, at, type, resource_id, source, data)
${sqliteOnly}    SELECT seq, account_id, id, tx, at, type, resource_id, source, data FROM change_events;
${sqliteOnly}DROP TABLE change_events;
${sqliteOnly}ALTER TABLE change_events_by_position RENAME TO change_events;
${sqliteOnly}CREATE INDEX change_events_school_feed ON change_events (account_id, seq);
${sqliteOnly}CREATE INDEX change_events_by_at ON change_events (at);
