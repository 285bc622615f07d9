package com.classlark.scim.store;

import com.classlark.scim.directory.CursorPosition;
import com.classlark.scim.directory.ListPage;
import com.classlark.scim.directory.ListRequest;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.protocol.filter.FilterEvaluator;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.classlark.scim.store.FilterSql.Pushdown;
import com.classlark.scim.store.QueryTable.Column;
import com.classlark.scim.store.QueryTable.Kind;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Lists one resource type of one school: the filter pushed into SQL, the stable order (creation,
 * then id) or a {@code sortBy} column, index pages with LIMIT/OFFSET and keyset cursor pages, so
 * that a cursor page deep into the school costs what the first page costs. Filters or sorts that
 * SQL cannot decide exactly fall back to streaming the candidate rows through the in-memory
 * evaluator.
 */
final class ResourceQueries {
  private static final String FALLBACK_MARK = "@offset";

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final QueryTable table;
  private final FilterEvaluator evaluator;
  private final String columnList;

  ResourceQueries(Database database, QueryTable table, ResourceTypeDefinition type) {
    this.jdbi = database.jdbi();
    this.dialect = database.dialect();
    this.table = table;
    this.evaluator = new FilterEvaluator(type);
    String a = table.alias() + ".";
    this.columnList =
        a
            + "id, "
            + a
            + "document, "
            + a
            + "created_at, "
            + a
            + "last_modified, "
            + a
            + "version, "
            + a
            + "scim_managed";
  }

  /**
   * The ids that the SQL translation of {@code filter} alone selects, and whether that translation
   * was exact; for tests that hold it against the in-memory evaluator.
   */
  SqlSelection sqlOnly(String accountId, com.classlark.scim.protocol.filter.Filter filter) {
    Pushdown pushdown = new FilterSql(table, dialect, accountId).translate(filter);
    SqlFragment where = where(accountId, pushdown.condition());
    List<String> ids =
        jdbi.withHandle(
            handle -> {
              Query query =
                  handle.createQuery(
                      "SELECT "
                          + table.alias()
                          + ".id FROM "
                          + table.table()
                          + " WHERE "
                          + where.sql());
              bind(query, where.parameters());
              return query.mapTo(String.class).list();
            });
    return new SqlSelection(ids, pushdown.exact(), where);
  }

  /** What {@link #sqlOnly} found. */
  record SqlSelection(List<String> ids, boolean exact, SqlFragment where) {}

  /** The SQL of the first page of a query, for EXPLAIN in tests. */
  SqlFragment firstPageSql(String accountId, ListRequest request) {
    Pushdown pushdown = new FilterSql(table, dialect, accountId).translate(request.filter());
    SqlFragment where = where(accountId, pushdown.condition());
    return new SqlFragment(
        select(where, order(request.sort()), false) + " LIMIT ?",
        concat(where.parameters(), request.count()));
  }

  /** One order expression of the sort key, and how its cursor value is read back. */
  private record OrderTerm(String sql, Kind kind) {}

  ListPage list(String accountId, ListRequest request) {
    Pushdown pushdown =
        request.filter() == null
            ? new Pushdown(SqlFragment.TRUE, true)
            : new FilterSql(table, dialect, accountId).translate(request.filter());
    List<OrderTerm> order = order(request.sort());
    SqlFragment where = where(accountId, pushdown.condition());
    if (!pushdown.exact() || order == null) {
      return inMemory(accountId, request, where);
    }
    boolean descending = request.sort() != null && request.sort().descending();
    return jdbi.withHandle(
        handle -> {
          if (request.count() == 0) {
            return new ListPage(List.of(), count(handle, where), null, null);
          }
          return switch (request.paging()) {
            case ListRequest.Paging.Index(var startIndex) -> {
              SqlFragment page =
                  new SqlFragment(
                      select(where, order, descending) + " LIMIT ? OFFSET ?",
                      concat(where.parameters(), request.count(), startIndex - 1));
              List<StoredResource> resources = run(handle, page);
              // A page that is not full and not past the end tells the total itself: an identity
              // provider's lookup (0 or 1 match) then costs one query, not two.
              boolean totalKnown =
                  resources.size() < request.count() && (!resources.isEmpty() || startIndex == 1);
              long total = totalKnown ? startIndex - 1L + resources.size() : count(handle, where);
              yield new ListPage(resources, total, null, null);
            }
            case ListRequest.Paging.Cursor(var position) ->
                cursorPage(
                    handle,
                    where,
                    order,
                    descending,
                    request.count(),
                    position,
                    count(handle, where));
          };
        });
  }

  private ListPage cursorPage(
      Handle handle,
      SqlFragment where,
      List<OrderTerm> order,
      boolean descending,
      int count,
      CursorPosition position,
      long total) {
    if (position != null && position.key().size() != order.size()) {
      throw new IllegalArgumentException("cursor does not fit this order");
    }
    boolean backward = position != null && position.backward();
    boolean scanDescending = descending ^ backward;
    SqlFragment condition = where;
    if (position != null) {
      condition = condition.and(after(order, position.key(), scanDescending));
    }
    SqlFragment page =
        new SqlFragment(
            select(condition, order, scanDescending) + " LIMIT ?",
            concat(condition.parameters(), count + 1));
    List<Row> rows = runRows(handle, page, order);
    boolean more = rows.size() > count;
    List<Row> kept = new ArrayList<>(rows.subList(0, Math.min(count, rows.size())));
    if (backward) {
      Collections.reverse(kept);
    }
    List<StoredResource> resources = kept.stream().map(Row::resource).toList();
    if (kept.isEmpty()) {
      return new ListPage(resources, total, null, backward ? position(position, false) : null);
    }
    boolean hasBefore = backward ? more : position != null;
    boolean hasAfter = backward || more;
    return new ListPage(
        resources,
        total,
        hasBefore ? new CursorPosition(kept.get(0).key(), true) : null,
        hasAfter ? new CursorPosition(kept.get(kept.size() - 1).key(), false) : null);
  }

  private static CursorPosition position(CursorPosition position, boolean backward) {
    return new CursorPosition(position.key(), backward);
  }

  private SqlFragment where(String accountId, SqlFragment condition) {
    String live = table.liveCondition().isEmpty() ? "" : " AND " + table.liveCondition();
    return new SqlFragment(table.alias() + ".account_id = ?" + live, List.of(accountId))
        .and(condition);
  }

  private String select(SqlFragment where, List<OrderTerm> order, boolean descending) {
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
      sql.append(i == 0 ? "" : ", ").append(collated(order.get(i))).append(direction);
    }
    return sql.toString();
  }

  /**
   * An order term as written in ORDER BY and in the keyset condition: in the column's own
   * collation, so that the indexes that carry the order (e.g. creation, then id) serve both.
   */
  private static String collated(OrderTerm term) {
    return term.sql();
  }

  /**
   * The rows strictly after (or before, when descending) the given key, as one row-value comparison
   * that both engines answer from an index range: {@code (created_at, id) > (?, ?)}.
   */
  private SqlFragment after(List<OrderTerm> order, List<String> key, boolean descending) {
    List<String> terms = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      terms.add(collated(order.get(i)));
      values.add(typed(order.get(i).kind(), key.get(i)));
    }
    String placeholders = String.join(", ", java.util.Collections.nCopies(order.size(), "?"));
    return new SqlFragment(
        "(" + String.join(", ", terms) + ")" + (descending ? " < (" : " > (") + placeholders + ")",
        values);
  }

  private static Object typed(Kind kind, String value) {
    return switch (kind) {
      case TEXT -> value;
      case INSTANT -> Long.parseLong(value);
      case BOOLEAN -> Boolean.parseBoolean(value);
    };
  }

  /** The SQL order for a sort, or null when the sort attribute has no column. */
  private List<OrderTerm> order(ListRequest.Sort sort) {
    String a = table.alias();
    OrderTerm id = new OrderTerm(a + ".id", Kind.TEXT);
    if (sort == null) {
      return List.of(new OrderTerm(a + ".created_at", Kind.INSTANT), id);
    }
    Column column = table.columns().get(sort.attribute().canonicalPath());
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

  private long count(Handle handle, SqlFragment where) {
    Query query =
        handle.createQuery("SELECT COUNT(*) FROM " + table.table() + " WHERE " + where.sql());
    bind(query, where.parameters());
    return query.mapTo(Long.class).one();
  }

  private record Row(StoredResource resource, List<String> key) {}

  private List<StoredResource> run(Handle handle, SqlFragment page) {
    Query query = handle.createQuery(page.sql());
    bind(query, page.parameters());
    return query.map(JdbcStaffStore.RESOURCE).list();
  }

  private List<Row> runRows(Handle handle, SqlFragment page, List<OrderTerm> order) {
    Query query = handle.createQuery(page.sql());
    bind(query, page.parameters());
    return query
        .map(
            (rs, ctx) -> {
              List<String> key = new ArrayList<>();
              for (int i = 0; i < order.size(); i++) {
                key.add(
                    order.get(i).kind() == Kind.BOOLEAN
                        ? Boolean.toString(rs.getBoolean("k" + i))
                        : rs.getString("k" + i));
              }
              return new Row(JdbcStaffStore.RESOURCE.map(rs, ctx), key);
            })
        .list();
  }

  private static void bind(Query query, List<Object> parameters) {
    for (int i = 0; i < parameters.size(); i++) {
      query.bind(i, parameters.get(i));
    }
  }

  private static List<Object> concat(List<Object> parameters, Object... more) {
    List<Object> all = new ArrayList<>(parameters);
    Collections.addAll(all, more);
    return all;
  }

  /**
   * The fallback, for filters SQL cannot decide exactly or sorts without a column: stream the rows
   * the pushed-down part selects and keep those the evaluator accepts. Memory stays small whatever
   * the size of the school: without an in-memory sort only the page's rows are kept; with one, only
   * each match's sort key and id, and the page's rows are read again by id.
   */
  private ListPage inMemory(String accountId, ListRequest request, SqlFragment where) {
    int offset =
        Math.max(
            0,
            switch (request.paging()) {
              case ListRequest.Paging.Index(var startIndex) -> startIndex - 1;
              case ListRequest.Paging.Cursor(var position) ->
                  position == null ? 0 : fallbackOffset(position);
            });
    int count = request.count();
    List<OrderTerm> columnOrder = order(request.sort());
    boolean sortInMemory = columnOrder == null;
    List<OrderTerm> scanOrder = sortInMemory ? order(null) : columnOrder;
    boolean descending = !sortInMemory && request.sort() != null && request.sort().descending();
    List<InMemorySort.Keyed> keys = new ArrayList<>();
    List<StoredResource> window = new ArrayList<>();
    long[] matched = {0};
    Transactions.streamingRead(
        jdbi,
        dialect,
        handle -> {
          Query query = handle.createQuery(select(where, scanOrder, descending));
          bind(query, where.parameters());
          query.setFetchSize(500);
          try (Stream<StoredResource> rows = query.map(JdbcStaffStore.RESOURCE).stream()) {
            rows.forEach(
                row -> {
                  if (request.filter() != null
                      && !evaluator.matches(request.filter(), evaluable(row))) {
                    return;
                  }
                  if (sortInMemory) {
                    keys.add(InMemorySort.keyed(request.sort(), row, evaluable(row)));
                  } else if (matched[0] >= offset && matched[0] < (long) offset + count) {
                    window.add(row);
                  }
                  matched[0]++;
                });
          }
        });
    long total = matched[0];
    List<StoredResource> page = window;
    if (sortInMemory) {
      keys.sort(InMemorySort.comparator(request.sort()));
      int from = (int) Math.min(offset, keys.size());
      int to = (int) Math.min((long) from + count, keys.size());
      page = byIds(accountId, keys.subList(from, to).stream().map(InMemorySort.Keyed::id).toList());
    }
    boolean cursor = request.paging() instanceof ListRequest.Paging.Cursor;
    long end = Math.min((long) offset + count, total);
    CursorPosition first =
        cursor && offset > 0 && count > 0
            ? new CursorPosition(
                List.of(FALLBACK_MARK, Integer.toString(Math.max(0, offset - count))), false)
            : null;
    CursorPosition next =
        cursor && end < total && count > 0
            ? new CursorPosition(List.of(FALLBACK_MARK, Long.toString(end)), false)
            : null;
    return new ListPage(page, total, first, next);
  }

  /** The resources with these ids, in the order of {@code ids}. */
  private List<StoredResource> byIds(String accountId, List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    String a = table.alias();
    java.util.Map<String, StoredResource> found = new java.util.HashMap<>();
    jdbi.useHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + columnList
                        + " FROM "
                        + table.table()
                        + " WHERE "
                        + a
                        + ".account_id = :account AND "
                        + a
                        + ".id IN (<ids>)")
                .bind("account", accountId)
                .bindList("ids", ids)
                .map(JdbcStaffStore.RESOURCE)
                .forEach(resource -> found.put(resource.id(), resource)));
    return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
  }

  private static int fallbackOffset(CursorPosition position) {
    if (position.key().size() != 2 || !FALLBACK_MARK.equals(position.key().get(0))) {
      throw new IllegalArgumentException("cursor does not fit this query");
    }
    return Integer.parseInt(position.key().get(1));
  }

  /** The resource as the evaluator sees it: the document with id and meta timestamps. */
  static ObjectNode evaluable(StoredResource resource) {
    ObjectNode node = resource.document().deepCopy();
    node.put("id", resource.id());
    ObjectNode meta = node.putObject("meta");
    meta.put("created", resource.created().toString());
    meta.put("lastModified", resource.lastModified().toString());
    return node;
  }
}
