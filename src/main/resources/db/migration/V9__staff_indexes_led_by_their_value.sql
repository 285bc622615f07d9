-- Staff and its child tables get the layout V3 gave staff_groups: every secondary index starts with
-- the value it looks up, the school after it, so that the primary key is the only index that serves
-- account_id = ? AND id = ?, whatever the table's size and statistics. With account_id first, a
-- plan made while staff was empty (a cached generic plan, or the plan of a foreign-key check kept
-- by a connection) saw every such index as one page and picked the newest (staff_live_user_name),
-- keeping id as a filter: a walk of the school per lookup once the table had filled. Unique rules
-- are unchanged (live userNames are unique per school), and so are the partial indexes of the
-- unfiltered listing (staff_live_by_created) and of the Staff section (V6): their predicates are
-- spelled only by their own statements, so no lookup by id can take them.
DROP INDEX staff_live_user_name;
CREATE UNIQUE INDEX staff_live_user_name
    ON staff ((CASE WHEN retired_at IS NULL THEN user_name_key END), account_id);

-- externalId lookups still return their rows in the default order (creation, then id).
DROP INDEX staff_by_external_id;
CREATE INDEX staff_by_external_id ON staff (external_id, account_id, created_at, id);

-- A range of modification times (an identity provider's "changed since" filter) is a short range
-- of recent times, read across schools and filtered by the school inside the index.
DROP INDEX staff_by_last_modified;
CREATE INDEX staff_by_last_modified ON staff (last_modified, account_id, id);

-- The default order of the live staff is served by staff_live_by_created (V3); this one, with
-- retired rows too, only ever competed with the primary key.
DROP INDEX staff_by_created;

DROP INDEX staff_emails_by_value;
CREATE INDEX staff_emails_by_value ON staff_emails (value_key, account_id);

-- A member's groups (members.value eq, a retirement's removals); a group's own rows are read by
-- the primary key (account_id, group_id, member_id).
DROP INDEX group_members_by_member;
CREATE INDEX group_members_by_member ON group_members (member_id, account_id);
