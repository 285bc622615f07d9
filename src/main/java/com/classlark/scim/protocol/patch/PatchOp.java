package com.classlark.scim.protocol.patch;

import java.util.Locale;
import java.util.Optional;

/** The three PATCH operations of RFC 7644 §3.5.2: {@code add}, {@code replace}, {@code remove}. */
public enum PatchOp {
  ADD("add"),
  REPLACE("replace"),
  REMOVE("remove");

  private final String keyword;

  PatchOp(String keyword) {
    this.keyword = keyword;
  }

  /** The keyword as the RFC writes it, lower case. */
  public String keyword() {
    return keyword;
  }

  /**
   * The operation named by {@code text} in any case: Microsoft Entra ID sends {@code Add}, {@code
   * Replace} and {@code Remove}.
   */
  public static Optional<PatchOp> named(String text) {
    String lower = text.trim().toLowerCase(Locale.ROOT);
    for (PatchOp op : values()) {
      if (op.keyword.equals(lower)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }
}
