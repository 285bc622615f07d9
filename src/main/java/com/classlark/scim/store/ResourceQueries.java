package com.classlark.scim.store;

import com.classlark.scim.directory.CursorMismatchException;
import com.classlark.scim.directory.CursorPosition;
import com.classlark.scim.directory.ListPage;
import com.classlark.scim.directory.ListRequest;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.classlark.scim.store.FilterSql.Pushdown;
import com.classlark.scim.store.ListSql.OrderTerm;
import com.classlark.scim.store.QueryTable.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Lists one resource type of one school: the filter pushed into SQL, the stable order (creation,
 * then id) or a {@code sortBy} column, index pages with LIMIT/OFFSET and keyset cursor pages, so
 * that a cursor page deep into the school costs what the first page costs. Filters or sorts that
 * SQL cannot decide exactly go to {@link InMemoryListing}.
 */
final class ResourceQueries {
  private final Jdbi jdbi;
  private final ListSql sql;
  private final InMemoryListing inMemory;

  ResourceQueries(Database database, QueryTable table, ResourceTypeDefinition type) {
    this.jdbi = database.jdbi();
    this.sql = new ListSql(table, database.dialect());
    this.inMemory = new InMemoryListing(database, sql, type);
  }

  ListPage list(String accountId, ListRequest request) {
    Pushdown pushdown = sql.pushdown(accountId, request.filter());
    List<OrderTerm> order = sql.order(request.sort());
    SqlFragment where = sql.where(accountId, pushdown.condition());
    boolean everyLive = pushdown.condition() == SqlFragment.TRUE;
    if (!pushdown.exact() || order == null) {
      return inMemory.list(accountId, request, where);
    }
    boolean descending = request.sort() != null && request.sort().descending();
    return jdbi.withHandle(
        handle -> {
          if (request.count() == 0) {
            return new ListPage(List.of(), count(handle, accountId, where, everyLive), null, null);
          }
          return switch (request.paging()) {
            case ListRequest.Paging.Index(var startIndex) -> {
              List<StoredResource> resources =
                  run(handle, sql.page(where, order, descending, request.count(), startIndex - 1));
              // A page that is not full and not past the end tells the total itself: an identity
              // provider's lookup (0 or 1 match) then costs one query, not two.
              boolean totalKnown =
                  resources.size() < request.count() && (!resources.isEmpty() || startIndex == 1);
              long total =
                  totalKnown
                      ? startIndex - 1L + resources.size()
                      : count(handle, accountId, where, everyLive);
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
                    count(handle, accountId, where, everyLive));
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
    if (position != null && !sql.fits(order, position.key())) {
      throw new CursorMismatchException("the cursor's key does not fit the order of its query");
    }
    boolean backward = position != null && position.backward();
    boolean scanDescending = descending ^ backward;
    SqlFragment condition = where;
    if (position != null) {
      condition = condition.and(sql.after(order, position.key(), scanDescending));
    }
    List<Row> rows = runRows(handle, sql.page(condition, order, scanDescending, count + 1), order);
    boolean more = rows.size() > count;
    List<Row> kept = new ArrayList<>(rows.subList(0, Math.min(count, rows.size())));
    if (backward) {
      Collections.reverse(kept);
    }
    List<StoredResource> resources = kept.stream().map(Row::resource).toList();
    if (kept.isEmpty()) {
      return new ListPage(
          resources, total, null, backward ? new CursorPosition(position.key(), false) : null);
    }
    boolean hasBefore = backward ? more : position != null;
    boolean hasAfter = backward || more;
    return new ListPage(
        resources,
        total,
        hasBefore ? new CursorPosition(kept.get(0).key(), true) : null,
        hasAfter ? new CursorPosition(kept.get(kept.size() - 1).key(), false) : null);
  }

  /**
   * How many rows {@code where} selects; when it selects every live row of the school ({@code
   * everyLive}) and the table keeps a count, the kept count.
   */
  private long count(Handle handle, String accountId, SqlFragment where, boolean everyLive) {
    if (everyLive && sql.table().liveCount()) {
      return handle.createQuery(StaffCounts.TOTAL).bind(0, accountId).mapTo(Long.class).one();
    }
    return sql.count(where).query(handle).mapTo(Long.class).one();
  }

  private record Row(StoredResource resource, List<String> key) {}

  private static List<StoredResource> run(Handle handle, SqlFragment page) {
    return page.query(handle).map(ResourceRows.MAPPER).list();
  }

  private static List<Row> runRows(Handle handle, SqlFragment page, List<OrderTerm> order) {
    return page.query(handle)
        .map(
            (rs, ctx) -> {
              List<String> key = new ArrayList<>();
              for (int i = 0; i < order.size(); i++) {
                key.add(
                    order.get(i).kind() == Kind.BOOLEAN
                        ? Boolean.toString(rs.getBoolean("k" + i))
                        : rs.getString("k" + i));
              }
              return new Row(ResourceRows.MAPPER.map(rs, ctx), key);
            })
        .list();
  }
}
