package com.classlark.scim.directory;

import java.util.List;

/**
 * Where a cursor page starts: the sort key of the record just before it (or just after it, for a
 * previous page). Store-defined and opaque to everyone else; carried inside signed cursors.
 *
 * @param key the sort key values of the boundary record, as strings (nullable elements)
 * @param backward true for a page that ends just before {@code key} (a previous page)
 */
public record CursorPosition(List<String> key, boolean backward) {
  public CursorPosition {
    key = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(key));
  }
}
