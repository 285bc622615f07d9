package com.classlark.scim.directory;

import java.util.List;

/**
 * A page of a section listing.
 *
 * @param items the rows of the page, in order
 * @param nextKey the sort key of the last row when more rows follow, to pass as the next query's
 *     {@code after}; null on the last page
 */
public record SectionPage(List<StoredResource> items, List<String> nextKey) {
  public SectionPage {
    items = List.copyOf(items);
    nextKey = nextKey == null ? null : List.copyOf(nextKey);
  }
}
