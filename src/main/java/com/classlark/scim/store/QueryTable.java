package com.classlark.scim.store;

import com.classlark.scim.protocol.schema.AttrPath;
import com.classlark.scim.protocol.schema.ResolvedAttribute;
import java.util.Map;

/**
 * The allow-list that maps canonical attribute paths of one resource type to SQL: typed columns of
 * the main table, and child tables for multi-valued attributes. A path that is not listed is never
 * pushed into SQL.
 *
 * @param table table name with alias, e.g. {@code staff s}
 * @param alias the alias, e.g. {@code s}
 * @param liveCondition extra condition for rows visible to SCIM, or empty
 * @param listingLiveCondition the same condition as the unfiltered listing in the default order
 *     spells it, to match the predicate of the partial index that serves that listing (see
 *     migration V3), or empty
 * @param liveCount whether {@link StaffCounts} keeps the number of the school's live rows
 * @param columns canonical path (e.g. {@code name.givenName}) → column
 * @param children multi-valued attribute name (e.g. {@code emails}) → child table
 */
record QueryTable(
    String table,
    String alias,
    String liveCondition,
    String listingLiveCondition,
    boolean liveCount,
    Map<String, Column> columns,
    Map<String, ChildTable> children) {

  /**
   * The column of an attribute, or null when it has none and must be evaluated in memory.
   *
   * @param canonical a canonical path, as {@link ResolvedAttribute#path()} gives it and a resolved
   *     filter holds
   */
  Column column(AttrPath canonical) {
    return columns.get(canonical.toString());
  }

  /** How a column's values compare. */
  enum Kind {
    /** Text; {@code folded} columns hold the value lower-cased with Locale.ROOT. */
    TEXT,
    BOOLEAN,
    /** Epoch milliseconds of a dateTime. */
    INSTANT
  }

  /**
   * @param nullable whether the column can be NULL (an absent attribute)
   * @param folded the column holds the case-folded value (caseExact false attributes)
   */
  record Column(String sql, Kind kind, boolean nullable, boolean folded) {}

  /**
   * A child table holding the values of a multi-valued attribute. Conditions on it select parent
   * ids through an uncorrelated {@code IN} subquery, so the database starts from the child table's
   * index (e.g. an email address) instead of testing every parent row.
   *
   * @param parentId the parent's id column, e.g. {@code s.id}
   * @param childParentId the child's column holding the parent id, e.g. {@code e.staff_id}
   * @param childAccount the child's account column, e.g. {@code e.account_id}
   * @param columns sub-attribute name → column of the child table
   */
  record ChildTable(
      String table,
      String parentId,
      String childParentId,
      String childAccount,
      Map<String, Column> columns) {
    /** Parents with at least one child row matching {@code condition}. */
    SqlFragment having(String accountId, SqlFragment condition) {
      java.util.List<Object> parameters = new java.util.ArrayList<>();
      parameters.add(accountId);
      parameters.addAll(condition.parameters());
      return new SqlFragment(
          parentId
              + " IN (SELECT "
              + childParentId
              + " FROM "
              + table
              + " WHERE "
              + childAccount
              + " = ? AND "
              + condition.sql()
              + ")",
          parameters);
    }
  }

  /**
   * The case-folded userName of a live staff member, NULL once retired: the expression that the
   * unique index {@code staff_live_user_name} is built on, so a lookup must name it as written.
   */
  static final String LIVE_USER_NAME_KEY =
      "CASE WHEN s.retired_at IS NULL THEN s.user_name_key END";

  static final QueryTable STAFF =
      new QueryTable(
          "staff s",
          "s",
          "s.retired_at IS NULL",
          "COALESCE(s.retired_at, 0) = 0",
          true,
          Map.of(
              "id", new Column("s.id", Kind.TEXT, false, false),
              "externalId", new Column("s.external_id", Kind.TEXT, true, false),
              // The expression of the unique index staff_live_user_name (NULL for retired staff).
              "userName", new Column(LIVE_USER_NAME_KEY, Kind.TEXT, false, true),
              "name.givenName", new Column("s.given_name_key", Kind.TEXT, true, true),
              "name.familyName", new Column("s.family_name_key", Kind.TEXT, true, true),
              "displayName", new Column("s.display_name_key", Kind.TEXT, true, true),
              // The four user types are ASCII, so lower() folds them as Java's Locale.ROOT does.
              "userType", new Column("lower(s.user_type)", Kind.TEXT, true, true),
              "active", new Column("s.active", Kind.BOOLEAN, false, false),
              "meta.created", new Column("s.created_at", Kind.INSTANT, false, false),
              "meta.lastModified", new Column("s.last_modified", Kind.INSTANT, false, false)),
          Map.of(
              "emails",
              new ChildTable(
                  "staff_emails e",
                  "s.id",
                  "e.staff_id",
                  "e.account_id",
                  Map.of(
                      "value", new Column("e.value_key", Kind.TEXT, true, true),
                      "type", new Column("e.type_key", Kind.TEXT, true, true),
                      "primary", new Column("e.is_primary", Kind.BOOLEAN, true, false)))));

  static final QueryTable GROUPS =
      new QueryTable(
          "staff_groups g",
          "g",
          "",
          "",
          false,
          Map.of(
              "id", new Column("g.id", Kind.TEXT, false, false),
              "externalId", new Column("g.external_id", Kind.TEXT, true, false),
              "displayName", new Column("g.display_name_key", Kind.TEXT, false, true),
              "meta.created", new Column("g.created_at", Kind.INSTANT, false, false),
              "meta.lastModified", new Column("g.last_modified", Kind.INSTANT, false, false)),
          Map.of(
              "members",
              new ChildTable(
                  "group_members m",
                  "g.id",
                  "m.group_id",
                  "m.account_id",
                  Map.of("value", new Column("m.member_id", Kind.TEXT, false, false)))));
}
