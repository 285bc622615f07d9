package com.classlark.scim.directory;

import java.util.List;

/**
 * One page of resources and what the client needs to get the others.
 *
 * @param first the cursor position just before the first resource of the page, or {@code null} when
 *     there is nothing before it
 * @param next the cursor position just after the last resource of the page, or {@code null} when
 *     the page is the last
 */
public record ListPage(
    List<StoredResource> resources, long totalResults, CursorPosition first, CursorPosition next) {
  public ListPage {
    resources = List.copyOf(resources);
  }
}
