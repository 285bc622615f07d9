-- The provisioning log's per-resource index on SQLite, led by a bucket of the resource instead of the
-- resource itself (issue 15: the log's cost on SQLite). An index led by (account_id, resource_id) puts
-- every new entry on a random leaf page, because a school's writes touch any of its staff: in a batch
-- of 130 entries, 1.5 of the 1.8 pages per entry that SQLite writes to its WAL, while the batch holds
-- the one write lock the directory's writes wait for. resource_bucket is the resource id's last
-- character (16 values for the ids the service makes), so the index has 16 places per school where
-- new entries land, each at its end (at only grows): a batch dirties at most 16 of its leaf pages.
-- A page of one resource's entries reads its bucket newest first and keeps the entries of its
-- resource: resource_id is in the index, so the others are skipped without reading their rows, and the
-- read stops at the page's size. PostgreSQL, whose log writes do not wait on one lock, keeps V7's
-- index on the resource itself and has no such column. ${sqliteOnly} comments a line out on
-- PostgreSQL.
${sqliteOnly}ALTER TABLE provisioning_log ADD COLUMN resource_bucket VARCHAR(1);
${sqliteOnly}UPDATE provisioning_log SET resource_bucket = substr(resource_id, -1) WHERE resource_id IS NOT NULL;
${sqliteOnly}DROP INDEX provisioning_log_by_resource;
${sqliteOnly}CREATE INDEX provisioning_log_by_resource_bucket ON provisioning_log (account_id, resource_bucket, at, id, resource_id);
