\set g random(1, 1000)
\set base random(1, 99900)
BEGIN;
INSERT INTO group_members (account_id, group_id, member_id) SELECT 'S', 'g' || :g, i::text FROM generate_series(:base, :base + 99) AS i;
ROLLBACK;
