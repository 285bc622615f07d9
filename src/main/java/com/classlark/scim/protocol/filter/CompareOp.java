package com.classlark.scim.protocol.filter;

import java.util.Locale;
import java.util.Optional;

/**
 * Attribute operators of RFC 7644 §3.4.2.2, Table 3 (all but {@code pr}, which is {@link
 * Filter.Present}).
 */
public enum CompareOp {
  EQ,
  NE,
  CO,
  SW,
  EW,
  GT,
  GE,
  LT,
  LE;

  /** The operator as written in a filter, lower case. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses an operator keyword in any case. */
  public static Optional<CompareOp> fromKeyword(String keyword) {
    for (CompareOp op : values()) {
      if (op.name().equalsIgnoreCase(keyword)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }

  /** True for the ordering operators gt, ge, lt, le. */
  public boolean isOrdering() {
    return this == GT || this == GE || this == LT || this == LE;
  }
}
