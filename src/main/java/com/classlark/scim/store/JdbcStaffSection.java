package com.classlark.scim.store;

import com.classlark.scim.directory.SectionMember;
import com.classlark.scim.directory.SectionPage;
import com.classlark.scim.directory.SectionQuery;
import com.classlark.scim.directory.StaffSectionStore;
import com.classlark.scim.directory.StoredResource;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * {@link StaffSectionStore} over JDBC. Every page is a keyset range on an index (see the migration
 * that adds the Staff section's indexes), so the last page costs what the first costs; the search
 * is a byte-order range on the case-folded columns, which each engine answers from an index.
 */
public final class JdbcStaffSection implements StaffSectionStore {
  private static final String STAFF_ORDER = "s.family_name_key, s.given_name_key, s.id";
  private static final String COLUMNS =
      "id, document, created_at, last_modified, version, scim_managed, retired_at, active,"
          + " family_name_key, given_name_key";

  /**
   * The planner settings of a read that must come in index order, on PostgreSQL. A table that was
   * never analysed (a school's first day: this service never runs ANALYZE, and autovacuum may be
   * off) looks to the planner as if each school had ten rows, so sorting them seems cheaper than
   * reading an index in order; it is not, at 100,000 staff, and on every page. Without sorting the
   * only plan left is the order index, whatever the statistics say.
   */
  static final List<String> ORDERED_READ = List.of("SET LOCAL enable_sort = off");

  private final Jdbi jdbi;
  private final Dialect dialect;

  public JdbcStaffSection(Database database) {
    this.jdbi = database.jdbi();
    this.dialect = database.dialect();
  }

  @Override
  public SectionPage staff(String accountId, SectionQuery query) {
    SqlFragment sql = staffPageSql(accountId, query);
    boolean search = query.prefix() != null && !query.prefix().isEmpty();
    List<Keyed> rows =
        read(
            !search,
            handle -> {
              Query select = handle.createQuery(sql.sql());
              bind(select, sql.parameters());
              return select
                  .map(
                      (rs, ctx) ->
                          new Keyed(
                              ResourceRows.MAPPER.map(rs, ctx),
                              List.of(
                                  rs.getString("family_name_key"),
                                  rs.getString("given_name_key"),
                                  rs.getString("id"))))
                  .list();
            });
    return page(rows, query.limit());
  }

  /**
   * The statement of a Staff section page; for the EXPLAIN test.
   *
   * <p>Without a search it walks the order index from the cursor on and stops after a page (see
   * {@link #ORDERED_READ}). With one, the matches are collected first, one prefix range per name
   * column, each answered by its own index and excluding the rows an earlier range took, so that
   * the parts add up without a join or a de-duplication; then only the matches are filtered, sorted
   * and cut to a page. A search of a whole school in one condition (the ranges ORed) is answered by
   * no index at all on PostgreSQL.
   */
  SqlFragment staffPageSql(String accountId, SectionQuery query) {
    boolean search = query.prefix() != null && !query.prefix().isEmpty();
    List<Object> parameters = new ArrayList<>();
    StringBuilder sql = new StringBuilder();
    if (search) {
      List<String> parts = new ArrayList<>();
      List<String> earlier = new ArrayList<>();
      for (String column : List.of("user_name_key", "given_name_key", "family_name_key")) {
        parameters.add(accountId);
        StringBuilder part =
            new StringBuilder(
                    "SELECT "
                        + COLUMNS
                        + " FROM staff WHERE account_id = ? AND retired_at IS NULL AND "
                        + column
                        + " IS NOT NULL AND ")
                .append(prefixRange(column, query.prefix(), parameters));
        for (String before : earlier) {
          part.append(" AND NOT ").append(prefixRange(before, query.prefix(), parameters));
        }
        earlier.add(column);
        parts.add(part.toString());
      }
      sql.append("WITH matches AS MATERIALIZED (")
          .append(String.join(" UNION ALL ", parts))
          .append(") SELECT * FROM matches s WHERE 1 = 1");
    } else {
      sql.append("SELECT ")
          .append(COLUMNS)
          .append(
              " FROM staff s WHERE s.account_id = ? AND s.retired_at IS NULL"
                  + " AND s.family_name_key IS NOT NULL");
      parameters.add(accountId);
    }
    if (query.active() != null) {
      sql.append(" AND s.active = ?");
      parameters.add(query.active());
    }
    if (query.managed() != null) {
      sql.append(" AND s.scim_managed = ?");
      parameters.add(query.managed());
    }
    if (query.after() != null) {
      sql.append(" AND (" + STAFF_ORDER + ") > (?, ?, ?)");
      parameters.addAll(query.after());
    }
    sql.append(" ORDER BY " + STAFF_ORDER + " LIMIT ?");
    parameters.add(query.limit() + 1);
    return new SqlFragment(sql.toString(), parameters);
  }

  /**
   * The values of {@code column} that start with {@code prefix}, as a byte-order range: from the
   * prefix up to the prefix with its last character's successor, exclusive. Byte order of UTF-8 is
   * code point order, so the range holds exactly the values with that prefix.
   */
  private String prefixRange(String column, String prefix, List<Object> parameters) {
    String ordered = dialect == Dialect.POSTGRESQL ? column + " COLLATE \"C\"" : column;
    int last = prefix.codePointBefore(prefix.length());
    parameters.add(prefix);
    if (last == Character.MAX_CODE_POINT) {
      // No successor: the range is open above, and the prefix is checked as such.
      parameters.add(prefix.codePointCount(0, prefix.length()));
      parameters.add(prefix);
      return "(" + ordered + " >= ? AND substr(" + column + ", 1, ?) = ?)";
    }
    String start = prefix.substring(0, prefix.length() - Character.charCount(last));
    parameters.add(start + Character.toString(last + 1));
    return "(" + ordered + " >= ? AND " + ordered + " < ?)";
  }

  @Override
  public SectionPage groups(String accountId, List<String> after, int limit) {
    List<Keyed> rows =
        read(
            true,
            handle -> {
              Query select =
                  handle.createQuery(
                      "SELECT "
                          + ResourceRows.COLUMNS
                          + ", display_name_key FROM staff_groups WHERE account_id = ?"
                          + (after == null ? "" : " AND display_name_key > ?")
                          + " ORDER BY display_name_key LIMIT ?");
              List<Object> parameters = new ArrayList<>(List.of(accountId));
              if (after != null) {
                parameters.add(after.get(0));
              }
              parameters.add(limit + 1);
              bind(select, parameters);
              return select
                  .map(
                      (rs, ctx) ->
                          new Keyed(
                              ResourceRows.MAPPER.map(rs, ctx),
                              List.of(rs.getString("display_name_key"))))
                  .list();
            });
    return page(rows, limit);
  }

  @Override
  public long memberCount(String accountId, String groupId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT COUNT(*) FROM group_members WHERE account_id = ? AND group_id = ?")
                .bind(0, accountId)
                .bind(1, groupId)
                .mapTo(Long.class)
                .one());
  }

  @Override
  public List<SectionMember> members(String accountId, String groupId, String afterId, int limit) {
    return read(
        true,
        handle -> {
          Query select =
              handle.createQuery(
                  "SELECT m.member_id, s.user_name, s.given_name, s.family_name FROM group_members m"
                      + " JOIN staff s ON s.account_id = m.account_id AND s.id = m.member_id"
                      + " WHERE m.account_id = ? AND m.group_id = ?"
                      + (afterId == null ? "" : " AND m.member_id > ?")
                      + " ORDER BY m.member_id LIMIT ?");
          List<Object> parameters = new ArrayList<>(List.of(accountId, groupId));
          if (afterId != null) {
            parameters.add(afterId);
          }
          parameters.add(limit);
          bind(select, parameters);
          return select
              .map(
                  (rs, ctx) ->
                      new SectionMember(
                          rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
              .list();
        });
  }

  /**
   * Runs a read; one that must come in index order runs on PostgreSQL in a transaction with {@link
   * #ORDERED_READ}.
   */
  private <T> T read(boolean ordered, org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
    if (!ordered || dialect != Dialect.POSTGRESQL) {
      return jdbi.withHandle(work);
    }
    return jdbi.inTransaction(
        handle -> {
          ORDERED_READ.forEach(handle::execute);
          return work.withHandle(handle);
        });
  }

  private record Keyed(StoredResource resource, List<String> key) {}

  private static SectionPage page(List<Keyed> rows, int limit) {
    boolean more = rows.size() > limit;
    List<Keyed> kept = more ? rows.subList(0, limit) : rows;
    return new SectionPage(
        kept.stream().map(Keyed::resource).toList(), more ? kept.get(kept.size() - 1).key() : null);
  }

  private static void bind(Query query, List<Object> parameters) {
    for (int i = 0; i < parameters.size(); i++) {
      query.bind(i, parameters.get(i));
    }
  }
}
