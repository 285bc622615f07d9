-- The schools list (console and support) pages by (LOWER(name), id): this index serves the order and
-- the keyset cursor of every page, so a page reads its 50 rows instead of sorting every school.
CREATE INDEX accounts_by_name ON accounts (LOWER(name), id);
