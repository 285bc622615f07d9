package com.classlark.scim.store;

import com.classlark.scim.directory.ListRequest;
import com.classlark.scim.protocol.filter.Filter;
import com.classlark.scim.store.FilterSql.Pushdown;
import com.classlark.scim.store.QueryTable.Column;
import com.classlark.scim.store.QueryTable.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The SQL statements of a list query over one resource table: the school's live rows, the filter's
 * pushed-down condition, the order (creation then id, or a {@code sortBy} column then id), index
 * pages with LIMIT/OFFSET and keyset pages that start after a cursor's key. Builds statements only;
 * {@link ResourceQueries} runs them.
 */
final class ListSql {
  /** One order expression of the sort key, and how its cursor value is read back. */
  record OrderTerm(String sql, Kind kind) {}

  private final QueryTable table;
  private final Dialect dialect;
  private final String columnList;

  ListSql(QueryTable table, Dialect dialect) {
    this.table = table;
    this.dialect = dialect;
    this.columnList = ResourceRows.columns(table.alias());
  }

  QueryTable table() {
    return table;
  }

  /** The filter's condition for SQL, and whether it alone decides; no filter is exact. */
  Pushdown pushdown(String accountId, Filter filter) {
    return filter == null
        ? new Pushdown(SqlFragment.TRUE, true)
        : new FilterSql(table, dialect, accountId).translate(filter);
  }

  /**
   * The school's rows visible to SCIM that satisfy {@code condition}. The unfiltered listing spells
   * liveness as the partial index that keeps the default order does; every other query in the plain
   * form, which cannot pick that index (see migration V3).
   */
  SqlFragment where(String accountId, SqlFragment condition) {
    String liveCondition =
        condition == SqlFragment.TRUE ? table.listingLiveCondition() : table.liveCondition();
    String live = liveCondition.isEmpty() ? "" : " AND " + liveCondition;
    return new SqlFragment(table.alias() + ".account_id = ?" + live, List.of(accountId))
        .and(condition);
  }

  /**
   * The SQL order of a sort, or null when the sort attribute has no column (the caller then sorts
   * in memory).
   */
  List<OrderTerm> order(ListRequest.Sort sort) {
    String alias = table.alias();
    OrderTerm id = new OrderTerm(alias + ".id", Kind.TEXT);
    if (sort == null) {
      return List.of(new OrderTerm(alias + ".created_at", Kind.INSTANT), id);
    }
    Column column = table.column(sort.attribute().path());
    if (column == null) {
      return null;
    }
    if (!column.nullable()) {
      return List.of(new OrderTerm(column.sql(), column.kind()), id);
    }
    // Resources without the value sort last in ascending order (RFC 7644 §3.4.2.3).
    return List.of(
        new OrderTerm("CASE WHEN " + column.sql() + " IS NULL THEN 1 ELSE 0 END", Kind.INSTANT),
        new OrderTerm("COALESCE(" + column.sql() + ", '')", Kind.TEXT),
        id);
  }

  /**
   * The rows of {@code where} in {@code order}, each with its sort key as columns {@code k0},
   * {@code k1}, …
   */
  SqlFragment ordered(SqlFragment where, List<OrderTerm> order, boolean descending) {
    String direction = descending ? " DESC" : " ASC";
    StringBuilder sql = new StringBuilder("SELECT ").append(columnList);
    for (int i = 0; i < order.size(); i++) {
      sql.append(", ").append(order.get(i).sql()).append(" AS k").append(i);
    }
    sql.append(" FROM ")
        .append(table.table())
        .append(" WHERE ")
        .append(where.sql())
        .append(" ORDER BY ");
    for (int i = 0; i < order.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(order.get(i).sql()).append(direction);
    }
    return new SqlFragment(sql.toString(), where.parameters());
  }

  /** The first {@code limit} rows of {@link #ordered}: a keyset page. */
  SqlFragment page(SqlFragment where, List<OrderTerm> order, boolean descending, int limit) {
    SqlFragment ordered = ordered(where, order, descending);
    return new SqlFragment(ordered.sql() + " LIMIT ?", concat(ordered.parameters(), limit));
  }

  /** {@code limit} rows of {@link #ordered} after skipping {@code offset}: an index page. */
  SqlFragment page(
      SqlFragment where, List<OrderTerm> order, boolean descending, int limit, int offset) {
    SqlFragment ordered = ordered(where, order, descending);
    return new SqlFragment(
        ordered.sql() + " LIMIT ? OFFSET ?", concat(ordered.parameters(), limit, offset));
  }

  /**
   * The rows strictly after (or before, when descending) the given key, as one row-value comparison
   * that both engines answer from an index range: {@code (created_at, id) > (?, ?)}. The key has
   * one value per order term.
   */
  SqlFragment after(List<OrderTerm> order, List<String> key, boolean descending) {
    List<String> terms = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      terms.add(order.get(i).sql());
      values.add(typed(order.get(i).kind(), key.get(i)));
    }
    String placeholders = String.join(", ", Collections.nCopies(order.size(), "?"));
    return new SqlFragment(
        "(" + String.join(", ", terms) + ")" + (descending ? " < (" : " > (") + placeholders + ")",
        values);
  }

  /**
   * Whether {@code key} is a position in {@code order}: one value per term, each readable as its
   * term's kind. An in-memory listing's offset cursor, for one, is not.
   */
  boolean fits(List<OrderTerm> order, List<String> key) {
    if (key.size() != order.size()) {
      return false;
    }
    for (int i = 0; i < order.size(); i++) {
      String value = key.get(i);
      boolean readable =
          value != null
              && switch (order.get(i).kind()) {
                case TEXT -> true;
                case INSTANT -> value.matches("-?[0-9]{1,18}");
                case BOOLEAN -> value.equals("true") || value.equals("false");
              };
      if (!readable) {
        return false;
      }
    }
    return true;
  }

  SqlFragment count(SqlFragment where) {
    return new SqlFragment(
        "SELECT COUNT(*) FROM " + table.table() + " WHERE " + where.sql(), where.parameters());
  }

  /** The school's resources with these ids (the caller limits how many), in no order. */
  String byIds() {
    String alias = table.alias();
    return "SELECT "
        + columnList
        + " FROM "
        + table.table()
        + " WHERE "
        + alias
        + ".account_id = :account AND "
        + alias
        + ".id IN (<ids>)";
  }

  private static Object typed(Kind kind, String value) {
    return switch (kind) {
      case TEXT -> value;
      case INSTANT -> Long.parseLong(value);
      case BOOLEAN -> Boolean.parseBoolean(value);
    };
  }

  private static List<Object> concat(List<Object> parameters, Object... more) {
    List<Object> all = new ArrayList<>(parameters);
    Collections.addAll(all, more);
    return all;
  }
}
