-- The change feed's sequencer on PostgreSQL without a walk over every event ever numbered (issue 17).
-- A writer inserts its event with seq NULL and the sequencer sets seq afterwards (V10). That update
-- writes a new row version; the old one, with seq NULL, stays in the indexes until VACUUM removes it,
-- and a database that is not vacuumed (autovacuum off, or a big table between two of its runs) keeps
-- an entry with seq NULL for every event ever numbered. The sequencer's look for events without a
-- position walked all of them: at 200,000 events each look read about 3,100 pages (11 ms), after every
-- SCIM write, and the feed's indexes on seq offered the planner that walk as its cheapest path.
--   low_tx  the sequencer's low mark: no event of a transaction below it can still be without a
--           position (see JdbcChangeEventStore), so each look starts its scan of the partial index
--           change_events_unsequenced there, past the old entries.
--   feed    the indexes on seq keep only events that have a position: every reader asks for positions
--           (seq > ?, seq = ?), and an event no longer enters them twice (inserted, then numbered).
-- SQLite positions its events when it writes them (V12) and has no sequencer. ${postgresOnly}
-- comments a line out on SQLite.
${postgresOnly}ALTER TABLE change_feed_sequencer ADD COLUMN low_tx BIGINT NOT NULL DEFAULT 0;
${postgresOnly}DROP INDEX change_events_feed;
${postgresOnly}CREATE UNIQUE INDEX change_events_feed ON change_events (seq) WHERE seq IS NOT NULL;
${postgresOnly}DROP INDEX change_events_school_feed;
${postgresOnly}CREATE INDEX change_events_school_feed ON change_events (account_id, seq) WHERE seq IS NOT NULL;
