package com.classlark.scim.protocol.filter;

/**
 * Limits a filter or PATCH path must stay within before it is parsed, so that a hostile request
 * cannot make the parser or any consumer of the tree recurse without bound. Past a limit the client
 * gets {@code 400 invalidFilter} (RFC 7644 §3.4.2.2, §3.12).
 *
 * <p>Depth is the deepest nesting of parenthesised groups, {@code not (...)}, value paths {@code
 * [...]} and logical operators, where a run of the same operator at one level ({@code a or b or c})
 * counts once. A single attribute expression has depth 0; {@code not (a eq 1 and b eq 2)} has depth
 * 2.
 *
 * @param maxLength the longest accepted text, in characters
 * @param maxDepth the deepest accepted nesting
 */
public record FilterLimits(int maxLength, int maxDepth) {

  /** 4096 characters, depth 16: room for every filter an identity provider sends. */
  public static final FilterLimits DEFAULT = new FilterLimits(4096, 16);

  public FilterLimits {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be at least 1 but was " + maxLength);
    }
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be at least 1 but was " + maxDepth);
    }
  }
}
