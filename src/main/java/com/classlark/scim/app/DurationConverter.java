package com.classlark.scim.app;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses durations such as {@code 90d}, {@code 12h}, {@code 30m}, {@code 45s} or ISO-8601 {@code
 * P30D}.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([dhms])");

  @Override
  public Duration convert(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    Matcher matcher = SHORT.matcher(text);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      Duration duration =
          switch (matcher.group(2)) {
            case "d" -> Duration.ofDays(amount);
            case "h" -> Duration.ofHours(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
          };
      return positive(duration, value);
    }
    try {
      return positive(Duration.parse(value.strip().toUpperCase(Locale.ROOT)), value);
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration: use e.g. 90d, 12h, 30m, 45s or P30D");
    }
  }

  /** Like {@link DurationConverter}, and also accepts {@code 0} (e.g. "no drain window"). */
  static final class OrZero implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return value.strip().matches("0+[dhms]?")
          ? Duration.ZERO
          : new DurationConverter().convert(value);
    }
  }

  private static Duration positive(Duration duration, String value) {
    if (duration.isZero() || duration.isNegative()) {
      throw new TypeConversionException("'" + value + "' must be a positive duration");
    }
    return duration;
  }
}
