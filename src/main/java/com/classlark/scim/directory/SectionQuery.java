package com.classlark.scim.directory;

import java.util.List;

/**
 * One page of the Staff section: live staff of a school ordered by family name, then given name,
 * then id (case-folded), after a keyset position.
 *
 * @param prefix case-folded prefix of the email, given or family name; null for everyone
 * @param active only active (true) or deactivated (false) staff; null for both
 * @param managed only SCIM-managed (true) or hand-made (false) staff; null for both
 * @param after the sort key of the last row of the previous page, as {@link SectionPage#nextKey()}
 *     gave it; null for the first page
 * @param limit the most rows of the page, at least 1
 */
public record SectionQuery(
    String prefix, Boolean active, Boolean managed, List<String> after, int limit) {
  public SectionQuery {
    after = after == null ? null : List.copyOf(after);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
  }
}
