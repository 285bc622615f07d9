package com.classlark.scim.protocol.patch;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.filter.CompareOp;
import com.classlark.scim.protocol.filter.Filter;
import com.classlark.scim.protocol.filter.ScimValue;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.protocol.schema.AttributeDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The list operations PATCH performs on the values of a multi-valued attribute (RFC 7644 §3.5.2).
 */
final class MultiValuedOps {
  private MultiValuedOps() {}

  private static final String PRIMARY = "primary";
  private static final String VALUE = "value";

  /**
   * RFC 7644 §3.5.2.1: adds each value not already present; an identical value is not added twice.
   *
   * @return the values actually added, in {@code current}'s new list
   */
  static List<JsonNode> append(List<JsonNode> current, JsonNode added) {
    List<JsonNode> appended = new ArrayList<>();
    for (JsonNode value : added) {
      if (!current.contains(value)) {
        current.add(value);
        appended.add(value);
      }
    }
    return appended;
  }

  /**
   * The value a filter made only of {@code eq} comparisons joined by {@code and} describes: {@code
   * type eq "work" and primary eq true} describes {@code {"type": "work", "primary": true}}. Empty
   * for any other filter. Microsoft Entra ID relies on this: it sends {@code replace emails[type eq
   * "work"].value} to set a work email whether or not one exists.
   */
  static Optional<ObjectNode> describedValue(Filter filter) {
    ObjectNode value = Json.object();
    return describe(filter, value) ? Optional.of(value) : Optional.empty();
  }

  private static boolean describe(Filter filter, ObjectNode value) {
    return switch (filter) {
      case Filter.And(var left, var right) -> describe(left, value) && describe(right, value);
      case Filter.Compare(var path, var op, var compared) when op == CompareOp.EQ -> {
        Optional<JsonNode> json = json(compared);
        String name = path.attribute();
        if (json.isEmpty() || (value.has(name) && !value.get(name).equals(json.get()))) {
          yield false;
        }
        value.set(name, json.get());
        yield true;
      }
      case Filter.Compare compare -> false;
      case Filter.Or or -> false;
      case Filter.Not not -> false;
      case Filter.Present present -> false;
      case Filter.ValuePath valuePath -> false;
    };
  }

  private static Optional<JsonNode> json(ScimValue value) {
    return switch (value) {
      case ScimValue.Str(var text) -> Optional.of(TextNode.valueOf(text));
      case ScimValue.Num(var number) -> Optional.of(DecimalNode.valueOf(number));
      case ScimValue.Bool(var bool) -> Optional.of(BooleanNode.valueOf(bool));
      case ScimValue.Null() -> Optional.empty();
    };
  }

  /** A set of values compared by identity, to track the values one operation touched. */
  static Set<JsonNode> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  /**
   * RFC 7644 §3.5.2 and RFC 7643 §2.4: when an operation makes one value primary, every other value
   * stops being primary.
   *
   * @param values the attribute's values after the operation, changed in place
   * @param touched the values the operation set or added
   * @throws ScimException {@code invalidValue} when the operation made more than one value primary
   */
  static void keepOnePrimary(
      AttributeDefinition definition, String path, List<JsonNode> values, Set<JsonNode> touched) {
    if (definition.subAttribute(PRIMARY).isEmpty()) {
      return;
    }
    long madePrimary =
        values.stream().filter(value -> touched.contains(value) && isPrimary(value)).count();
    if (madePrimary > 1) {
      throw ScimException.invalidValue(
          path + " must not have more than one value with primary set to true");
    }
    if (madePrimary == 1) {
      for (JsonNode value : values) {
        if (!touched.contains(value) && isPrimary(value)) {
          ((ObjectNode) value).put(PRIMARY, false);
        }
      }
    }
  }

  private static boolean isPrimary(JsonNode value) {
    return value.path(PRIMARY).asBoolean(false);
  }

  /**
   * Whether a stored value is the one a client names in a list to remove: complex values with a
   * {@code value} sub-attribute are named by it (as {@code [{"value": "u1091"}]}), others by the
   * whole value.
   */
  static boolean sameValue(AttributeDefinition definition, JsonNode stored, JsonNode given) {
    if (!definition.isComplex() || !given.has(VALUE)) {
      return stored.equals(given);
    }
    JsonNode storedValue = stored.path(VALUE);
    JsonNode givenValue = given.get(VALUE);
    boolean caseExact =
        definition.subAttribute(VALUE).map(AttributeDefinition::caseExact).orElse(true);
    if (!caseExact && storedValue.isTextual() && givenValue.isTextual()) {
      return storedValue.textValue().equalsIgnoreCase(givenValue.textValue());
    }
    return storedValue.equals(givenValue);
  }

  /** The values as a JSON array. */
  static ArrayNode array(List<JsonNode> values) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    values.forEach(array::add);
    return array;
  }
}
