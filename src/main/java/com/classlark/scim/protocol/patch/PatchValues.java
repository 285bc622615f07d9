package com.classlark.scim.protocol.patch;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.error.ScimType;
import com.classlark.scim.protocol.resource.ResourceReader;
import com.classlark.scim.protocol.schema.AttributeDefinition;
import com.classlark.scim.protocol.schema.Mutability;
import com.classlark.scim.protocol.schema.ResolvedAttribute;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the {@code value} of a PATCH operation with the resource reader, so that a PATCH accepts
 * exactly what a POST accepts. A value of the wrong JSON type, which the reader reports as {@code
 * invalidSyntax} because it makes a resource body malformed, is {@code invalidValue} here: in a
 * PATCH it is the value that does not fit the attribute (RFC 7644 §3.12, Table 9).
 */
final class PatchValues {
  private PatchValues() {}

  /**
   * The canonical value for {@code target}; empty when the value means "clear". A singular target
   * given an array takes its one element (Entra sends {@code manager} as {@code [{"value": id}]}).
   */
  static Optional<JsonNode> read(ResolvedAttribute target, JsonNode raw, String path) {
    JsonNode single = target.target().multiValued() ? raw : single(raw, path);
    return converted(() -> ResourceReader.readValue(target, single));
  }

  /**
   * One value of a complex attribute, as a filtered add or replace gives it ({@code emails[type eq
   * "work"]}); empty when the value means "clear".
   */
  static Optional<ObjectNode> readElement(ResolvedAttribute attribute, JsonNode raw, String path) {
    JsonNode single = single(raw, path);
    return converted(() -> ResourceReader.readValue(attribute, single))
        .map(value -> (ObjectNode) (value.isArray() ? value.get(0) : value));
  }

  /** The attributes of a pathless add or replace, canonical; "clear" values are left out. */
  static ObjectNode readPartial(ResourceTypeDefinition type, JsonNode raw) {
    return converted(() -> ResourceReader.readPartial(type, raw));
  }

  /**
   * The writable sub-attributes a complex value sets to null or {@code ""}: {@code {"value": ""}}
   * clears {@code manager.value}.
   */
  static List<AttributeDefinition> clearedSubAttributes(AttributeDefinition complex, JsonNode raw) {
    List<AttributeDefinition> cleared = new ArrayList<>();
    if (raw == null || !raw.isObject()) {
      return cleared;
    }
    for (Map.Entry<String, JsonNode> field : raw.properties()) {
      if (ResourceReader.isUnset(field.getValue())) {
        complex
            .subAttribute(field.getKey())
            .filter(sub -> sub.mutability() != Mutability.READ_ONLY)
            .ifPresent(cleared::add);
      }
    }
    return cleared;
  }

  /** The one value of an array given for a single value; an empty array means "clear". */
  static JsonNode single(JsonNode raw, String path) {
    if (raw == null || !raw.isArray()) {
      return raw;
    }
    if (raw.isEmpty()) {
      return NullNode.getInstance();
    }
    if (raw.size() > 1) {
      throw ScimException.invalidValue(
          path + " takes a single value, not an array of " + raw.size() + " values");
    }
    return raw.get(0);
  }

  private static <T> T converted(Supplier<T> read) {
    try {
      return read.get();
    } catch (ScimException e) {
      if (e.scimType().orElse(null) == ScimType.INVALID_SYNTAX) {
        throw ScimException.invalidValue(e.detail());
      }
      throw e;
    }
  }
}
