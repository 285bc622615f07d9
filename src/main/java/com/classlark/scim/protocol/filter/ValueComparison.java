package com.classlark.scim.protocol.filter;

import com.classlark.scim.protocol.schema.AttributeDefinition;
import com.classlark.scim.protocol.schema.ScimDateTime;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The attribute operators of RFC 7644 §3.4.2.2, Table 3, applied to the JSON values one attribute
 * path reaches in a resource, typed by the attribute's definition.
 */
public final class ValueComparison {
  private ValueComparison() {}

  /**
   * {@code pr}: some value is non-empty, meaning not null, not {@code ""}, not {@code []} and not
   * an object without a non-empty member.
   */
  static boolean present(List<JsonNode> values) {
    return values.stream().anyMatch(ValueComparison::isNonEmpty);
  }

  /**
   * {@code op operand} against the values of a (possibly multi-valued) attribute: true when any
   * value matches (RFC 7644 §3.4.2.2). An attribute without values is in the same state as {@code
   * null} (RFC 7643 §2.5), so {@code eq null} is true and {@code ne "x"} is true for it, while
   * every other operator is false.
   */
  static boolean matches(
      AttributeDefinition target, CompareOp op, ScimValue operand, List<JsonNode> values) {
    if (operand instanceof ScimValue.Null) {
      return switch (op) {
        case EQ -> !present(values);
        case NE -> present(values);
        case CO, SW, EW, GT, GE, LT, LE -> false;
      };
    }
    List<JsonNode> assigned = values.stream().filter(value -> !value.isNull()).toList();
    if (assigned.isEmpty()) {
      return op == CompareOp.NE;
    }
    return assigned.stream().anyMatch(value -> matchesOne(target, op, operand, value));
  }

  private static boolean matchesOne(
      AttributeDefinition target, CompareOp op, ScimValue operand, JsonNode value) {
    return switch (target.type()) {
      case STRING, REFERENCE, BINARY -> compareText(target.caseExact(), op, operand, value);
      case BOOLEAN -> {
        Optional<Boolean> actual = booleanOf(value);
        Optional<Boolean> wanted = booleanOf(operand);
        yield actual.isPresent()
            && wanted.isPresent()
            && switch (op) {
              case EQ -> actual.get().equals(wanted.get());
              case NE -> !actual.get().equals(wanted.get());
              case CO, SW, EW, GT, GE, LT, LE -> false;
            };
      }
      case INTEGER, DECIMAL -> {
        Optional<BigDecimal> actual = decimalOf(value);
        Optional<BigDecimal> wanted = decimalOf(operand);
        yield actual.isPresent()
            && wanted.isPresent()
            && ordered(op, actual.get().compareTo(wanted.get()));
      }
      case DATE_TIME -> {
        Optional<Instant> actual =
            value.isTextual() ? ScimDateTime.parse(value.textValue()) : Optional.empty();
        Optional<Instant> wanted =
            operand instanceof ScimValue.Str(var text)
                ? ScimDateTime.parse(text)
                : Optional.empty();
        yield actual.isPresent()
            && wanted.isPresent()
            && ordered(op, actual.get().compareTo(wanted.get()));
      }
      case COMPLEX -> false;
    };
  }

  /** Strings compare by UTF-16 code units, folded with {@link Locale#ROOT} unless caseExact. */
  private static boolean compareText(
      boolean caseExact, CompareOp op, ScimValue operand, JsonNode value) {
    if (!value.isValueNode()) {
      return false;
    }
    String actual = fold(value.asText(), caseExact);
    String wanted = fold(textOf(operand), caseExact);
    return switch (op) {
      case EQ -> actual.equals(wanted);
      case NE -> !actual.equals(wanted);
      case CO -> actual.contains(wanted);
      case SW -> actual.startsWith(wanted);
      case EW -> actual.endsWith(wanted);
      case GT -> actual.compareTo(wanted) > 0;
      case GE -> actual.compareTo(wanted) >= 0;
      case LT -> actual.compareTo(wanted) < 0;
      case LE -> actual.compareTo(wanted) <= 0;
    };
  }

  /** For types with an order but no substrings: numbers and instants. */
  private static boolean ordered(CompareOp op, int comparison) {
    return switch (op) {
      case EQ -> comparison == 0;
      case NE -> comparison != 0;
      case GT -> comparison > 0;
      case GE -> comparison >= 0;
      case LT -> comparison < 0;
      case LE -> comparison <= 0;
      case CO, SW, EW -> false;
    };
  }

  private static String fold(String text, boolean caseExact) {
    return caseExact ? text : text.toLowerCase(Locale.ROOT);
  }

  /** The text a value has when compared with a string attribute; a number uses its plain text. */
  public static String textOf(ScimValue operand) {
    return switch (operand) {
      case ScimValue.Str(var text) -> text;
      case ScimValue.Num(var number) -> number.toPlainString();
      case ScimValue.Bool(var bool) -> Boolean.toString(bool);
      case ScimValue.Null() -> "null";
    };
  }

  /** A boolean operand: {@code true}/{@code false}, or the strings "true"/"false" in any case. */
  public static Optional<Boolean> booleanOf(ScimValue operand) {
    return switch (operand) {
      case ScimValue.Bool(var bool) -> Optional.of(bool);
      case ScimValue.Str(var text) -> booleanOfText(text);
      case ScimValue.Num number -> Optional.empty();
      case ScimValue.Null nothing -> Optional.empty();
    };
  }

  private static Optional<Boolean> booleanOf(JsonNode value) {
    if (value.isBoolean()) {
      return Optional.of(value.booleanValue());
    }
    return value.isTextual() ? booleanOfText(value.textValue()) : Optional.empty();
  }

  private static Optional<Boolean> booleanOfText(String text) {
    if (text.equalsIgnoreCase("true")) {
      return Optional.of(true);
    }
    if (text.equalsIgnoreCase("false")) {
      return Optional.of(false);
    }
    return Optional.empty();
  }

  /** A number operand: a number, or a string holding one. */
  static Optional<BigDecimal> decimalOf(ScimValue operand) {
    return switch (operand) {
      case ScimValue.Num(var number) -> Optional.of(number);
      case ScimValue.Str(var text) -> decimalOfText(text);
      case ScimValue.Bool bool -> Optional.empty();
      case ScimValue.Null nothing -> Optional.empty();
    };
  }

  private static Optional<BigDecimal> decimalOf(JsonNode value) {
    if (value.isNumber()) {
      return Optional.of(value.decimalValue());
    }
    return value.isTextual() ? decimalOfText(value.textValue()) : Optional.empty();
  }

  private static Optional<BigDecimal> decimalOfText(String text) {
    try {
      return Optional.of(new BigDecimal(text.trim()));
    } catch (NumberFormatException notANumber) {
      return Optional.empty();
    }
  }

  private static boolean isNonEmpty(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return false;
    }
    if (value.isTextual()) {
      return !value.textValue().isEmpty();
    }
    if (value.isArray()) {
      for (JsonNode element : value) {
        if (isNonEmpty(element)) {
          return true;
        }
      }
      return false;
    }
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> member : value.properties()) {
        if (isNonEmpty(member.getValue())) {
          return true;
        }
      }
      return false;
    }
    return true;
  }
}
