package com.classlark.scim.store;

/**
 * The rows of a school's first sync, written straight into a freshly migrated PostgreSQL schema
 * with {@code INSERT … SELECT generate_series} (so not even CREATE INDEX tells the planner the
 * tables' sizes, and nothing analyzes them): 100,000 staff with an email each, a group of all of
 * them, 99 small groups, three tokens, and 30 days of provisioning log of this school and another.
 */
final class FirstSyncSchool {
  static final String SCHOOL = "5c1d0a7e-0000-4000-8000-00000000a001";
  static final String OTHER_SCHOOL = "5c1d0a7e-0000-4000-8000-00000000a002";
  static final String BIG_GROUP = "9a000000-0000-4000-8000-000000000000";
  static final int STAFF = 100_000;
  static final long LOG_END = 2_592_000_000L;

  private FirstSyncSchool() {}

  /** The two schools, alone: what a statement prepared before the sync may already see. */
  static void createSchools(Database database) {
    database
        .jdbi()
        .useHandle(
            handle ->
                handle.execute(
                    "INSERT INTO accounts (id, name, created_at) VALUES (?, 'First Sync School', 0),"
                        + " (?, 'Other School', 0)",
                    SCHOOL,
                    OTHER_SCHOOL));
  }

  /** Loads the sync's rows into the schools made by {@link #createSchools}. */
  static void load(Database database) {
    database
        .jdbi()
        .useTransaction(
            handle -> {
              handle.execute(
                  "INSERT INTO tokens (id, account_id, token_hash, prefix, created_at)"
                      + " SELECT md5(i::text), ?, md5('token' || i), 'clk_', 0"
                      + " FROM generate_series(1, 3) AS i",
                  SCHOOL);
              // Rows as wide as an identity provider's: a ~600-byte document per member.
              handle.execute(
                  "INSERT INTO staff (account_id, id, user_name, user_name_key, external_id,"
                      + " given_name, given_name_key, family_name, family_name_key, user_type,"
                      + " active, scim_managed, created_at, last_modified, version, document)"
                      + " SELECT ?, gen_random_uuid()::text, 'Staff' || i || '@School.example',"
                      + " 'staff' || i || '@school.example', 'ext-' || i, 'Given' || i, 'given' || i,"
                      + " 'Family', 'family', 'Staff', true, true, 1000 + i, 1000 + i, 1,"
                      + " '{\"userName\":\"staff' || i || '@school.example\",\"x\":\"'"
                      + " || repeat('x', 560) || '\"}' FROM generate_series(1, ?) AS i",
                  SCHOOL,
                  STAFF);
              handle.execute(
                  "INSERT INTO staff_emails (account_id, staff_id, position, value, value_key, type,"
                      + " type_key, is_primary) SELECT account_id, id, 0, user_name, user_name_key,"
                      + " 'work', 'work', true FROM staff");
              handle.execute(
                  "INSERT INTO staff_groups (account_id, id, display_name, display_name_key,"
                      + " external_id, scim_managed, created_at, last_modified, version, document)"
                      + " SELECT ?, '9a000000-0000-4000-8000-' || lpad(i::text, 12, '0'),"
                      + " 'Group ' || i, 'group ' || i, 'gext-' || i, true, i, i, 1, '{}'"
                      + " FROM generate_series(0, 99) AS i",
                  SCHOOL);
              handle.execute(
                  "INSERT INTO group_members (account_id, group_id, member_id)"
                      + " SELECT account_id, ?, id FROM staff",
                  BIG_GROUP);
              // 30 days of a busy sync for both schools, one entry in ten failed.
              handle.execute(
                  "INSERT INTO provisioning_log (account_id, id, at, method, path, operation,"
                      + " resource_type, resource_id, status, failed, correlation_id, duration_ms)"
                      + " SELECT CASE WHEN i % 2 = 0 THEN ? ELSE ? END, md5(i::text),"
                      + " ? - i::bigint * 20000, 'POST', '/scim/v2/Users', 'create', 'User',"
                      + " md5('r' || i), CASE WHEN i % 10 = 0 THEN 409 ELSE 201 END, i % 10 = 0,"
                      + " md5(i::text), 3 FROM generate_series(1, 129600) AS i",
                  SCHOOL, OTHER_SCHOOL, LOG_END);
            });
  }

  /** The id of one member in the middle of the school (external id ext-50000). */
  static String memberId(Database database) {
    return database
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery("SELECT id FROM staff WHERE external_id = 'ext-50000'")
                    .mapTo(String.class)
                    .one());
  }
}
