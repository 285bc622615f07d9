package com.classlark.scim.protocol.filter;

/**
 * Parses the SCIM filter language of RFC 7644 §3.4.2.2 into a {@link Filter} tree, and PATCH paths
 * of RFC 7644 §3.5.2 into a {@link PathExpression}. Stateless and thread-safe.
 *
 * <p>Beyond the RFC grammar, it accepts what real identity providers send: operators, {@code and},
 * {@code or}, {@code not}, {@code true}, {@code false} and {@code null} in any case; any whitespace
 * between tokens, and {@code +} as a space outside quoted strings in filters (an undecoded query
 * string); and unquoted values. An unquoted word that is a JSON number ({@code 123}, {@code
 * -1.5e3}) becomes {@link ScimValue.Num} and any other unquoted word ({@code bjensen@example.com},
 * {@code 007}) becomes {@link ScimValue.Str}. Consumers compare a {@code Num} with a string
 * attribute by its plain text ({@link java.math.BigDecimal#toPlainString()}).
 *
 * <p>A value path followed by a sub-attribute comparison, {@code emails[type eq "work"].value eq
 * "x"}, becomes {@code ValuePath(emails, And(type eq "work", value eq "x"))}: one value of {@code
 * emails} must satisfy both, which is what the client means and what {@code emails[type eq "work"
 * and value eq "x"]} says.
 *
 * <p>Every rejection is a {@link com.classlark.scim.protocol.error.ScimException} with {@code
 * invalidFilter} (or {@code invalidPath} for paths) whose detail gives the 0-based character
 * position in the original text.
 */
public final class FilterParser {

  private static final FilterParser DEFAULT = new FilterParser(FilterLimits.DEFAULT);

  private final FilterLimits limits;

  public FilterParser(FilterLimits limits) {
    if (limits == null) {
      throw new IllegalArgumentException("limits must not be null");
    }
    this.limits = limits;
  }

  /** The limits every text this parser reads must stay within. */
  public FilterLimits limits() {
    return limits;
  }

  /** Parses a filter with {@link FilterLimits#DEFAULT}. */
  public static Filter parse(String text) {
    return DEFAULT.parseFilter(text);
  }

  /** Parses a filter ({@code FILTER} of RFC 7644 §3.4.2.2). */
  public Filter parseFilter(String text) {
    checkLength(text, ParseTarget.FILTER);
    return new FilterGrammar(text, ParseTarget.FILTER, limits).readFilter();
  }

  /** Parses a PATCH path ({@code PATH} of RFC 7644 §3.5.2); errors are {@code invalidPath}. */
  public PathExpression parsePath(String text) {
    checkLength(text, ParseTarget.PATH);
    return new FilterGrammar(text, ParseTarget.PATH, limits).readPath();
  }

  private void checkLength(String text, ParseTarget target) {
    if (text == null) {
      throw target.error("the " + target.noun() + " is missing");
    }
    if (text.length() > limits.maxLength()) {
      throw target.error(
          "the "
              + target.noun()
              + " is "
              + text.length()
              + " characters long; the limit is "
              + limits.maxLength());
    }
  }
}
