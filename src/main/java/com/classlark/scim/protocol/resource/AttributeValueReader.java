package com.classlark.scim.protocol.resource;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.schema.AttributeDefinition;
import com.classlark.scim.protocol.schema.AttributeType;
import com.classlark.scim.protocol.schema.Mutability;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one attribute value as a client sent it into its canonical form, checking it against the
 * attribute's definition (RFC 7643 §2.3 data types, §2.4 multi-valued attributes). Empty values —
 * JSON null, {@code ""}, {@code []}, {@code {}} — mean "not set"; read-only and write-only values
 * are dropped.
 */
final class AttributeValueReader {
  private AttributeValueReader() {}

  /**
   * @param path the attribute path used in error details, e.g. {@code name.givenName}
   * @param checkRequired whether required sub-attributes of a present complex value must be there
   * @return the canonical value; empty when the value means "not set" or must not be kept
   */
  static Optional<JsonNode> read(
      AttributeDefinition attribute, String path, JsonNode raw, boolean checkRequired) {
    if (isUnset(raw)
        || attribute.mutability() == Mutability.READ_ONLY
        || attribute.mutability() == Mutability.WRITE_ONLY) {
      return Optional.empty();
    }
    if (attribute.multiValued()) {
      return readMultiValued(attribute, path, raw, checkRequired);
    }
    if (attribute.isComplex()) {
      return readComplex(attribute, path, raw, checkRequired);
    }
    return Optional.of(readSimple(attribute, path, raw));
  }

  /** Null, missing, {@code ""}, {@code []} and {@code {}} all mean "not set". */
  static boolean isUnset(JsonNode node) {
    return node == null
        || node.isNull()
        || node.isMissingNode()
        || (node.isTextual() && node.textValue().isEmpty())
        || (node.isContainerNode() && node.isEmpty());
  }

  private static Optional<JsonNode> readMultiValued(
      AttributeDefinition attribute, String path, JsonNode raw, boolean checkRequired) {
    ArrayNode elements = raw.isArray() ? (ArrayNode) raw : Json.MAPPER.createArrayNode().add(raw);
    ArrayNode values = Json.MAPPER.createArrayNode();
    for (JsonNode element : elements) {
      if (isUnset(element)) {
        continue;
      }
      if (attribute.isComplex()) {
        if (!element.isObject()) {
          throw ScimException.invalidSyntax(
              path + " must contain JSON objects, not " + describe(element));
        }
        readObject(attribute, path, element, checkRequired).ifPresent(values::add);
      } else {
        values.add(readSimple(attribute, path, element));
      }
    }
    if (values.isEmpty()) {
      return Optional.empty();
    }
    long primaries = 0;
    for (JsonNode value : values) {
      if (value.path("primary").asBoolean(false)) {
        primaries++;
      }
    }
    if (primaries > 1) {
      throw ScimException.invalidValue(
          path + " must not have more than one value with primary set to true");
    }
    return Optional.of(values);
  }

  private static Optional<JsonNode> readComplex(
      AttributeDefinition attribute, String path, JsonNode raw, boolean checkRequired) {
    if (raw.isTextual() && attribute.subAttribute("value").isPresent()) {
      // A bare id, as Entra sends for manager: the value of the reference.
      ObjectNode wrapped = Json.object();
      wrapped.set("value", raw);
      return readObject(attribute, path, wrapped, checkRequired);
    }
    if (!raw.isObject()) {
      throw ScimException.invalidSyntax(path + " must be a JSON object, not " + describe(raw));
    }
    return readObject(attribute, path, raw, checkRequired);
  }

  private static Optional<JsonNode> readObject(
      AttributeDefinition attribute, String path, JsonNode raw, boolean checkRequired) {
    Map<String, JsonNode> given = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : raw.properties()) {
      Optional<AttributeDefinition> sub = attribute.subAttribute(field.getKey());
      if (sub.isEmpty() || isUnset(field.getValue())) {
        continue; // unknown sub-attributes are ignored, as unknown attributes are
      }
      String name = sub.get().name();
      if (given.containsKey(name)) {
        throw givenTwice(path + "." + name);
      }
      given.put(name, field.getValue());
    }
    ObjectNode value = Json.object();
    for (AttributeDefinition sub : attribute.subAttributes()) {
      String subPath = path + "." + sub.name();
      read(sub, subPath, given.get(sub.name()), checkRequired)
          .ifPresent(subValue -> value.set(sub.name(), subValue));
    }
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (checkRequired) {
      for (AttributeDefinition sub : attribute.subAttributes()) {
        if (sub.required() && !value.has(sub.name())) {
          throw ScimException.invalidValue(path + "." + sub.name() + " is required");
        }
      }
    }
    return Optional.of(value);
  }

  private static JsonNode readSimple(AttributeDefinition attribute, String path, JsonNode raw) {
    AttributeType type = attribute.type();
    if (raw.isContainerNode()) {
      throw wrongType(path, type, raw);
    }
    return switch (type) {
      case STRING -> {
        if (raw.isTextual()) {
          yield raw;
        }
        if (raw.isNumber()) {
          yield TextNode.valueOf(raw.asText()); // e.g. employeeNumber sent as 7
        }
        throw wrongType(path, type, raw);
      }
      case BOOLEAN -> {
        if (raw.isBoolean()) {
          yield raw;
        }
        if (!raw.isTextual()) {
          throw wrongType(path, type, raw);
        }
        yield switch (raw.textValue().trim().toLowerCase(Locale.ROOT)) {
          case "true" -> BooleanNode.TRUE;
          case "false" -> BooleanNode.FALSE;
          default -> throw ScimException.invalidValue(path + " must be true or false");
        };
      }
      case INTEGER -> readInteger(path, raw);
      case DECIMAL -> {
        if (raw.isNumber()) {
          yield DecimalNode.valueOf(raw.decimalValue());
        }
        yield DecimalNode.valueOf(parseDecimal(path, type, raw, " must be a decimal number"));
      }
      case DATE_TIME -> {
        String text = text(path, type, raw);
        try {
          OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
          throw ScimException.invalidValue(
              path
                  + " must be a dateTime with a time-zone offset (ISO 8601),"
                  + " e.g. 2025-09-01T08:30:00Z");
        }
        yield raw;
      }
      case BINARY -> {
        String text = text(path, type, raw);
        try {
          Base64.getDecoder().decode(text.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
          throw ScimException.invalidValue(path + " must be base64-encoded binary data");
        }
        yield raw;
      }
      case REFERENCE -> {
        String text = text(path, type, raw);
        try {
          new URI(text);
        } catch (URISyntaxException e) {
          throw ScimException.invalidValue(path + " must be a URI");
        }
        yield raw;
      }
      case COMPLEX -> throw wrongType(path, type, raw);
    };
  }

  private static JsonNode readInteger(String path, JsonNode raw) {
    BigDecimal number =
        raw.isNumber()
            ? raw.decimalValue()
            : parseDecimal(path, AttributeType.INTEGER, raw, " must be an integer");
    BigInteger integer;
    try {
      integer = number.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw ScimException.invalidValue(path + " must be an integer");
    }
    // The smallest node type, as the JSON parser would produce for the same number.
    if (integer.bitLength() < Integer.SIZE) {
      return IntNode.valueOf(integer.intValue());
    }
    return integer.bitLength() < Long.SIZE
        ? LongNode.valueOf(integer.longValue())
        : BigIntegerNode.valueOf(integer);
  }

  private static BigDecimal parseDecimal(
      String path, AttributeType type, JsonNode raw, String problem) {
    String text = text(path, type, raw).trim();
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw ScimException.invalidValue(path + problem);
    }
  }

  private static String text(String path, AttributeType type, JsonNode raw) {
    if (!raw.isTextual()) {
      throw wrongType(path, type, raw);
    }
    return raw.textValue();
  }

  static ScimException givenTwice(String path) {
    return ScimException.invalidSyntax(
        path + " is given more than once (attribute names are case-insensitive)");
  }

  private static ScimException wrongType(String path, AttributeType type, JsonNode raw) {
    return ScimException.invalidSyntax(
        path + " must be " + expected(type) + ", not " + describe(raw));
  }

  private static String expected(AttributeType type) {
    return switch (type) {
      case STRING -> "a string";
      case BOOLEAN -> "a boolean (true or false)";
      case DECIMAL -> "a decimal number";
      case INTEGER -> "an integer";
      case DATE_TIME -> "a dateTime string";
      case BINARY -> "a base64 string";
      case REFERENCE -> "a URI string";
      case COMPLEX -> "a JSON object";
    };
  }

  /** How a client's value reads in an error detail, e.g. "an array". */
  static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT, POJO -> "an object";
      case ARRAY -> "an array";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case STRING -> "a string";
      case BINARY -> "binary data";
      case NULL, MISSING -> "null";
    };
  }
}
