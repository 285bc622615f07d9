package com.classlark.scim.protocol.filter;

import java.util.Locale;

/**
 * Writes a {@link Filter} back as canonical filter text (RFC 7644 §3.4.2.2): lower-case operators,
 * quoted and JSON-escaped strings, {@code not (...)} always with parentheses and parentheses only
 * where precedence needs them. {@code FilterParser.parse(render(filter))} equals {@code filter}.
 */
public final class FilterRenderer {
  private FilterRenderer() {}

  /** The canonical text of {@code filter}. */
  public static String render(Filter filter) {
    StringBuilder text = new StringBuilder();
    write(filter, text);
    return text.toString();
  }

  private static void write(Filter filter, StringBuilder text) {
    switch (filter) {
      case Filter.Or(var left, var right) -> {
        write(left, text);
        text.append(" or ");
        writeGrouped(right, right instanceof Filter.Or, text);
      }
      case Filter.And(var left, var right) -> {
        writeGrouped(left, left instanceof Filter.Or, text);
        text.append(" and ");
        writeGrouped(right, right instanceof Filter.Or || right instanceof Filter.And, text);
      }
      case Filter.Not(var inner) -> {
        text.append("not (");
        write(inner, text);
        text.append(')');
      }
      case Filter.Present(var path) -> text.append(path).append(" pr");
      case Filter.Compare(var path, var op, var value) -> {
        text.append(path).append(' ').append(op.keyword()).append(' ');
        writeValue(value, text);
      }
      case Filter.ValuePath(var path, var inner) -> {
        text.append(path).append('[');
        write(inner, text);
        text.append(']');
      }
    }
  }

  /**
   * Left-associative parsing makes {@code a or b or c} mean {@code (a or b) or c}, so only a right
   * operand of the same operator, or an {@code or} under an {@code and}, needs parentheses.
   */
  private static void writeGrouped(Filter filter, boolean needsParentheses, StringBuilder text) {
    if (needsParentheses) {
      text.append('(');
      write(filter, text);
      text.append(')');
    } else {
      write(filter, text);
    }
  }

  /** A comparison value as filter text, e.g. {@code "work"} with its quotes, or {@code 42}. */
  static String renderValue(ScimValue value) {
    StringBuilder text = new StringBuilder();
    writeValue(value, text);
    return text.toString();
  }

  private static void writeValue(ScimValue value, StringBuilder text) {
    switch (value) {
      case ScimValue.Str(var string) -> writeString(string, text);
      case ScimValue.Num(var number) -> text.append(number);
      case ScimValue.Bool(var bool) -> text.append(bool);
      case ScimValue.Null() -> text.append("null");
    }
  }

  /** A JSON string (RFC 8259 §7). */
  private static void writeString(String string, StringBuilder text) {
    text.append('"');
    for (int index = 0; index < string.length(); index++) {
      char character = string.charAt(index);
      switch (character) {
        case '"' -> text.append("\\\"");
        case '\\' -> text.append("\\\\");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        case '\t' -> text.append("\\t");
        case '\b' -> text.append("\\b");
        case '\f' -> text.append("\\f");
        default -> {
          if (character < 0x20) {
            text.append(String.format(Locale.ROOT, "\\u%04x", (int) character));
          } else {
            text.append(character);
          }
        }
      }
    }
    text.append('"');
  }
}
