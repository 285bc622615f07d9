package com.classlark.scim.protocol.bulk;

import java.util.Locale;
import java.util.Optional;

/** The HTTP methods a bulk operation may use (RFC 7644 §3.7). */
public enum BulkMethod {
  POST,
  PUT,
  PATCH,
  DELETE;

  /** The method named by {@code name} in any case, or empty when it is not one of the four. */
  public static Optional<BulkMethod> parse(String name) {
    for (BulkMethod method : values()) {
      if (method.name().equals(name.strip().toUpperCase(Locale.ROOT))) {
        return Optional.of(method);
      }
    }
    return Optional.empty();
  }
}
