package com.classlark.scim.protocol.filter;

import com.classlark.scim.protocol.error.ScimException;

/**
 * What the parser is reading: a filter (errors are {@code invalidFilter}) or a PATCH path (errors
 * are {@code invalidPath}, RFC 7644 §3.5.2).
 */
enum ParseTarget {
  FILTER("filter"),
  PATH("path");

  private final String noun;

  ParseTarget(String noun) {
    this.noun = noun;
  }

  String noun() {
    return noun;
  }

  /**
   * Query strings may arrive with {@code +} for spaces; PATCH paths come from JSON and never do.
   */
  boolean plusIsSpace() {
    return this == FILTER;
  }

  ScimException error(String detail) {
    return switch (this) {
      case FILTER -> ScimException.invalidFilter(detail);
      case PATH -> ScimException.invalidPath(detail);
    };
  }
}
