-- The change feed's positions (issue 15): every event gets seq, its place in the feed, which readers
-- page through (seq > cursor ORDER BY seq). seq is given in commit order, so a consumer that resumes
-- after a position never misses an event that committed later (see JdbcChangeEventStore):
--   PostgreSQL  writers insert their events with seq NULL; the sequencer of any node (FeedSequencer)
--               numbers the committed events without a position, in (tx, id) order, in one short
--               transaction that first locks the one row of change_feed_sequencer: sequencer
--               transactions run one at a time and each numbers only events already committed, so
--               positions become visible in the order of their numbers. tx (the writing
--               transaction's id) only orders the events of one batch.
--   SQLite      the writing transaction, which holds SQLite's only write lock, takes seq from the
--               newest event (never lower than the time in microseconds, so that it still grows after
--               retention deleted every event); tx is 0. No sequencer is needed.
-- Events written before this migration keep their (tx, id) order. Cursors of the earlier format
-- (tx:id) are refused with 410 cursor-expired: the consumer resynchronises once.
ALTER TABLE change_events ADD COLUMN seq BIGINT;
UPDATE change_events SET seq = numbered.n FROM (SELECT account_id, id, ROW_NUMBER() OVER (ORDER BY tx, id) AS n FROM change_events) AS numbered WHERE change_events.account_id = numbered.account_id AND change_events.id = numbered.id;
DROP INDEX change_events_feed;
DROP INDEX change_events_school_feed;
CREATE UNIQUE INDEX change_events_feed ON change_events (seq);
CREATE INDEX change_events_school_feed ON change_events (account_id, seq);
-- The sequencer's work list: the few events that have no position yet.
${postgresOnly}CREATE INDEX change_events_unsequenced ON change_events (tx, id) WHERE seq IS NULL;
-- The newest position given out; its row lock serialises the sequencers of every node.
${postgresOnly}CREATE TABLE change_feed_sequencer (id INTEGER PRIMARY KEY, last_seq BIGINT NOT NULL);
${postgresOnly}INSERT INTO change_feed_sequencer (id, last_seq) SELECT 1, COALESCE(MAX(seq), 0) FROM change_events;
