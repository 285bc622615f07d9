\set n random(1, 100000)
SELECT id, document, created_at, last_modified, version, scim_managed FROM staff WHERE account_id = 'S' AND id = :n::text AND retired_at IS NULL;
