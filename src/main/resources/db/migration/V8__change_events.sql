-- The change feed (issue 15): a transactional outbox. Every change to staff and groups, whatever its
-- source, inserts its events in the transaction that makes the change, so an event exists exactly
-- when its change committed. Readers page through the feed in (tx, id) order:
--   tx  on PostgreSQL the id of the writing transaction (pg_current_xact_id()); a reader hands out
--       only events whose transaction is older than its snapshot's xmin, so no transaction that
--       is still running can later add an event before a cursor (see JdbcChangeEventStore);
--   tx  on SQLite a counter that the writing transaction, which holds the one write lock, takes
--       from the newest event (never lower than the time in microseconds, so that it still grows
--       after retention deleted every event): commit order.
-- data is the event's JSON payload (the Staff record as the directory API shows it, or member ids).
-- Rows older than --log-retention are deleted in small batches by every node (change_events_by_at).
CREATE TABLE change_events (
    account_id  VARCHAR(36)  NOT NULL REFERENCES accounts (id),
    id          VARCHAR(36)  NOT NULL,
    tx          BIGINT       NOT NULL,
    at          BIGINT       NOT NULL,
    type        VARCHAR(32)  NOT NULL,
    resource_id VARCHAR(36)  NOT NULL,
    source      VARCHAR(8)   NOT NULL,
    data        TEXT         NOT NULL,
    PRIMARY KEY (account_id, id)
);
CREATE INDEX change_events_feed ON change_events (tx, id);
CREATE INDEX change_events_school_feed ON change_events (account_id, tx, id);
CREATE INDEX change_events_by_at ON change_events (at);
