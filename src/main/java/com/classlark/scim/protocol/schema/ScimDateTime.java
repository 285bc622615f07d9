package com.classlark.scim.protocol.schema;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/**
 * Reads SCIM dateTime values (RFC 7643 §2.3.5: {@code xsd:dateTime}, e.g. {@code
 * 2008-01-23T04:56:22Z}) as instants, so that values with different offsets compare by the moment
 * they name. A value without an offset is taken as UTC.
 */
public final class ScimDateTime {
  private ScimDateTime() {}

  public static Optional<Instant> parse(String text) {
    try {
      TemporalAccessor parsed =
          DateTimeFormatter.ISO_DATE_TIME.parseBest(
              text, OffsetDateTime::from, LocalDateTime::from);
      if (parsed instanceof OffsetDateTime withOffset) {
        return Optional.of(withOffset.toInstant());
      }
      return Optional.of(((LocalDateTime) parsed).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException notADateTime) {
      return Optional.empty();
    }
  }
}
