package com.classlark.scim.directory;

import com.classlark.scim.protocol.filter.Filter;
import com.classlark.scim.protocol.schema.ResolvedAttribute;

/**
 * One page of a query (RFC 7644 §3.4.2, cursors per RFC 9865).
 *
 * @param filter a resolved filter, or {@code null} for every resource
 * @param sort the sort order, or {@code null} for the stable default order (creation, then id)
 * @param count how many resources the page holds at most; 0 asks only for totalResults
 */
public record ListRequest(Filter filter, Sort sort, int count, Paging paging) {

  /** {@code sortBy} on a singular attribute, {@code sortOrder} ascending or descending. */
  public record Sort(ResolvedAttribute attribute, boolean descending) {}

  /** Index or cursor pagination. */
  public sealed interface Paging {
    /**
     * @param startIndex 1-based index of the first resource
     */
    record Index(int startIndex) implements Paging {}

    /**
     * @param position where the page starts; {@code null} for the first page
     */
    record Cursor(CursorPosition position) implements Paging {}
  }
}
