-- Live userNames are unique per school. The index was partial (WHERE retired_at IS NULL); without
-- statistics (a school's first sync, before any ANALYZE) PostgreSQL takes a predicate such as
-- retired_at IS NULL to keep 0.5% of the rows, so the partial index looked smaller than every other
-- one and won every tie: GET /Users/{id}, listing pages and the membership check walked the whole
-- school through it. An index on an expression that is NULL for retired rows (NULLs never collide in
-- a unique index) enforces the same rule, and only a query that names the expression can use it.
DROP INDEX staff_live_user_name;
CREATE UNIQUE INDEX staff_live_user_name
    ON staff (account_id, (CASE WHEN retired_at IS NULL THEN user_name_key END));

-- A page of the live staff in the default order (creation, then id) without sorting the school. Its
-- predicate is spelled as only the unfiltered listing spells liveness (retired_at is a positive
-- time or NULL, so this is retired_at IS NULL): every other statement says retired_at IS NULL, which
-- does not imply this predicate, so none of them can take this small-looking index over its own.
CREATE INDEX staff_live_by_created ON staff (account_id, created_at, id)
    WHERE COALESCE(retired_at, 0) = 0;

-- Staff groups: without statistics every index that starts with account_id looks as good as the
-- primary key for one school's rows (a school is a handful of pages), and PostgreSQL breaks the tie
-- for the newest index: GET and PATCH /Groups/{id} walked the school's groups through
-- staff_groups_by_last_modified, displayName lookups likewise. The secondary indexes now start with
-- the value they look up (the school still in every key), so only the primary key serves
-- account_id = ? AND id = ?, and each lookup has exactly one index with both of its columns.
DROP INDEX staff_groups_display_name;
DROP INDEX staff_groups_by_external_id;
DROP INDEX staff_groups_by_last_modified;
CREATE UNIQUE INDEX staff_groups_display_name ON staff_groups (display_name_key, account_id);
CREATE INDEX staff_groups_by_external_id ON staff_groups (external_id, account_id);
CREATE INDEX staff_groups_by_last_modified ON staff_groups (last_modified, account_id, id);
