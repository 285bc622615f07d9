package com.classlark.scim.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as the console prints them: in UTC, readable, e.g. "30 Nov 2026, 14:05 UTC". */
final class Formats {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.UK).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK).withZone(ZoneOffset.UTC);

  private Formats() {}

  static String dateTime(Instant instant) {
    return DATE_TIME.format(instant);
  }

  static String date(Instant instant) {
    return DATE.format(instant);
  }

  /** The time, or the words for "never" when there is none. */
  static String dateTimeOr(Instant instant, String never) {
    return instant == null ? never : dateTime(instant);
  }
}
