-- The Staff section of ClassLark's own interfaces (the directory API and the console).
-- Its order, family then given name, runs on an index from the first page to the last (keyset
-- cursor). Its search, a prefix of the email, given or family name compared case-insensitively,
-- is a range on the case-folded *_key columns in byte order: ${byteOrder} is COLLATE "C" on
-- PostgreSQL and COLLATE BINARY on SQLite, so the range is an exact prefix match whatever the
-- database's collation. Each index is partial on a predicate its statements spell and others do not
-- imply (the sort or search column IS NOT NULL), so that without statistics none of them competes
-- with the primary key or the lookup indexes for the statements those serve (see V3).
-- SQLite's columns are in byte order already, so it answers the family-name search from
-- staff_section_order; ${postgresOnly} is empty on PostgreSQL and a comment mark on SQLite.
CREATE INDEX staff_section_order ON staff (account_id, family_name_key, given_name_key, id)
    WHERE family_name_key IS NOT NULL;
CREATE INDEX staff_by_user_name_prefix ON staff (account_id, user_name_key ${byteOrder})
    WHERE user_name_key IS NOT NULL;
CREATE INDEX staff_by_given_name_prefix ON staff (account_id, given_name_key ${byteOrder})
    WHERE given_name_key IS NOT NULL;
${postgresOnly}CREATE INDEX staff_by_family_name_prefix ON staff (account_id, family_name_key ${byteOrder}) WHERE family_name_key IS NOT NULL;

-- Who made each change through ClassLark's own interfaces (not SCIM): the X-ClassLark-Actor the
-- application sent and the API key it used, written in the transaction of the change itself.
-- resource_type is staff, group or school; action is create, edit, delete, members or release.
CREATE TABLE manual_changes (
    account_id    VARCHAR(36)  NOT NULL REFERENCES accounts (id),
    id            VARCHAR(36)  NOT NULL,
    resource_type VARCHAR(16)  NOT NULL,
    resource_id   VARCHAR(36)  NOT NULL,
    action        VARCHAR(16)  NOT NULL,
    actor         VARCHAR(320),
    key_id        VARCHAR(36),
    version       BIGINT,
    at            BIGINT       NOT NULL,
    PRIMARY KEY (account_id, id)
);
CREATE INDEX manual_changes_by_resource ON manual_changes (account_id, resource_id, at);
