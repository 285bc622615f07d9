package com.classlark.scim.directory.events;

import java.util.Locale;

/** Who made a change: the identity provider over SCIM, someone by hand, or ClassLark support. */
public enum EventSource {
  SCIM,
  MANUAL,
  SUPPORT;

  /** The source as the API writes it: {@code scim}, {@code manual} or {@code support}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static EventSource ofWireName(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}
