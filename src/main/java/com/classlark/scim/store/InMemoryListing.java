package com.classlark.scim.store;

import com.classlark.scim.directory.CursorMismatchException;
import com.classlark.scim.directory.CursorPosition;
import com.classlark.scim.directory.ListPage;
import com.classlark.scim.directory.ListRequest;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.protocol.filter.FilterEvaluator;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.classlark.scim.store.ListSql.OrderTerm;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The fallback for filters SQL cannot decide exactly or sorts without a column: stream the rows the
 * pushed-down part selects and keep those the evaluator accepts. Memory stays small whatever the
 * size of the school: without an in-memory sort only the page's rows are kept; with one, only each
 * match's sort key and id, and the page's rows are read again by id. Its cursors carry an offset,
 * marked so that a keyset page never mistakes one for a key.
 */
final class InMemoryListing {
  /** The first element of an in-memory listing's cursor key; the second is the offset. */
  static final String OFFSET_MARK = "@offset";

  private static final int FETCH_SIZE = 500;

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final ListSql sql;
  private final FilterEvaluator evaluator;

  InMemoryListing(Database database, ListSql sql, ResourceTypeDefinition type) {
    this.jdbi = database.jdbi();
    this.dialect = database.dialect();
    this.sql = sql;
    this.evaluator = new FilterEvaluator(type);
  }

  /** The page of {@code request} among the rows of {@code where}, the pushed-down part. */
  ListPage list(String accountId, ListRequest request, SqlFragment where) {
    int offset =
        Math.max(
            0,
            switch (request.paging()) {
              case ListRequest.Paging.Index(var startIndex) -> startIndex - 1;
              case ListRequest.Paging.Cursor(var position) ->
                  position == null ? 0 : offset(position);
            });
    int count = request.count();
    List<OrderTerm> columnOrder = sql.order(request.sort());
    boolean sortInMemory = columnOrder == null;
    List<OrderTerm> scanOrder = sortInMemory ? sql.order(null) : columnOrder;
    boolean descending = !sortInMemory && request.sort() != null && request.sort().descending();
    List<InMemorySort.Keyed> keys = new ArrayList<>();
    List<StoredResource> window = new ArrayList<>();
    long[] matched = {0};
    Transactions.streamingRead(
        jdbi,
        dialect,
        handle -> {
          Query query = sql.ordered(where, scanOrder, descending).query(handle);
          query.setFetchSize(FETCH_SIZE);
          try (Stream<StoredResource> rows = query.map(ResourceRows.MAPPER).stream()) {
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
      int from = Math.min(offset, keys.size());
      int to = (int) Math.min((long) from + count, keys.size());
      page = byIds(accountId, keys.subList(from, to).stream().map(InMemorySort.Keyed::id).toList());
    }
    boolean cursor = request.paging() instanceof ListRequest.Paging.Cursor;
    long end = Math.min((long) offset + count, total);
    CursorPosition first =
        cursor && offset > 0 && count > 0
            ? new CursorPosition(
                List.of(OFFSET_MARK, Integer.toString(Math.max(0, offset - count))), false)
            : null;
    CursorPosition next =
        cursor && end < total && count > 0
            ? new CursorPosition(List.of(OFFSET_MARK, Long.toString(end)), false)
            : null;
    return new ListPage(page, total, first, next);
  }

  /** The resources with these ids, in the order of {@code ids}. */
  private List<StoredResource> byIds(String accountId, List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, StoredResource> found = new HashMap<>();
    jdbi.useHandle(
        handle ->
            handle
                .createQuery(sql.byIds())
                .bind("account", accountId)
                .bindList("ids", ids)
                .map(ResourceRows.MAPPER)
                .forEach(resource -> found.put(resource.id(), resource)));
    return ids.stream().map(found::get).filter(Objects::nonNull).toList();
  }

  private static int offset(CursorPosition position) {
    List<String> key = position.key();
    if (key.size() != 2 || !OFFSET_MARK.equals(key.get(0)) || !isOffset(key.get(1))) {
      throw new CursorMismatchException("the cursor is a keyset position, not an offset");
    }
    return Integer.parseInt(key.get(1));
  }

  private static boolean isOffset(String text) {
    return text != null && text.matches("[0-9]{1,9}");
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
