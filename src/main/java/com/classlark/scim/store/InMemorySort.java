package com.classlark.scim.store;

import com.classlark.scim.directory.ListRequest;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.protocol.schema.ResolvedAttribute;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;

/**
 * Sorting by an attribute that has no column (RFC 7644 §3.4.2.3): by the attribute's type and case
 * rules, resources without a value last in ascending order, then by id so the order is total. A
 * multi-valued attribute sorts by its primary value, else its first.
 */
final class InMemorySort {
  private InMemorySort() {}

  /** A resource reduced to what sorting needs: its sort key (null when absent) and its id. */
  @SuppressWarnings("rawtypes")
  record Keyed(Comparable key, String id) {}

  static Keyed keyed(ListRequest.Sort sort, StoredResource resource, ObjectNode representation) {
    return new Keyed(sort.attribute().sortKey(representation), resource.id());
  }

  static Comparator<Keyed> comparator(ListRequest.Sort sort) {
    Comparator<Keyed> ascending =
        Comparator.comparing(Keyed::key, ResolvedAttribute::compareSortKeys)
            .thenComparing(Keyed::id);
    return sort.descending() ? ascending.reversed() : ascending;
  }
}
