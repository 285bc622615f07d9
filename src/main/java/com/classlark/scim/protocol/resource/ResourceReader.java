package com.classlark.scim.protocol.resource;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.schema.AttributeDefinition;
import com.classlark.scim.protocol.schema.AttributeNames;
import com.classlark.scim.protocol.schema.CommonAttributes;
import com.classlark.scim.protocol.schema.ResolvedAttribute;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.classlark.scim.protocol.schema.SchemaDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a resource a client sent (POST or PUT body, RFC 7644 §3.3, §3.5.1) into the canonical form
 * the rest of the service relies on: {@code schemas} first (core URN, then each extension that has
 * values), canonical attribute names, extension attributes under their URN, and no nulls, empty
 * strings, empty arrays or empty objects anywhere. {@code id} and {@code meta} are never part of
 * the result.
 *
 * <p>Accepts what real identity providers send (see DESIGN.md, "Compatibility"):
 *
 * <ul>
 *   <li>attribute names and extension URNs in any case, at every level (RFC 7643 §2.1);
 *   <li>URN-qualified keys ({@code "urn:...:enterprise:2.0:User:department"}) and dotted keys
 *       ({@code "name.givenName"}) at the top level;
 *   <li>booleans as the strings {@code "True"} and {@code "False"}, in any case; integers and
 *       decimals as strings; a JSON number for a string attribute (an {@code employeeNumber} of
 *       {@code 7}) as its text;
 *   <li>null, {@code ""}, {@code []} and {@code {}} as "not set";
 *   <li>a single value where an array is expected, and a bare id for a complex attribute that has a
 *       {@code value} sub-attribute (Entra's {@code manager});
 *   <li>the same attribute named twice in different case only when one of the two is empty, or both
 *       are objects whose sub-attributes do not overlap ({@code name} and {@code name.givenName});
 *   <li>unknown attributes, sub-attributes and schema URNs, which are ignored; so are read-only
 *       attributes (RFC 7644 §3.5.1) and write-only ones ({@code password}), because ClassLark
 *       stores no credentials.
 * </ul>
 *
 * <p>Dotted keys that name a sub-attribute of a multi-valued attribute ({@code "emails.value"}) and
 * keys with value filters ({@code emails[type eq "work"].value}) name no single attribute; they are
 * ignored here and are the PATCH engine's business. {@code canonicalValues} are not enforced:
 * clients send other {@code type} values, and ClassLark's own rules live in the directory.
 *
 * <p>Errors: a value of the wrong JSON type is {@code invalidSyntax}; a string that is not a valid
 * boolean, integer, decimal, dateTime, URI or base64 value, a missing required attribute and more
 * than one {@code primary} value are {@code invalidValue}. Each detail names the attribute path.
 */
public final class ResourceReader {
  private ResourceReader() {}

  private static final String URN_PREFIX = "urn:";

  /**
   * Reads a complete resource: a POST or PUT body.
   *
   * @throws ScimException when the body is not a valid resource of the type
   */
  public static ObjectNode read(ResourceTypeDefinition type, JsonNode body) {
    return ResourceLayout.withSchemas(type, readAttributes(type, body, true));
  }

  /**
   * Reads some attributes of a resource, such as the value of a PATCH add or replace without a path
   * (RFC 7644 §3.5.2): the same tolerance and checks as {@link #read}, except that nothing is
   * required. The result has no {@code schemas}; values that mean "not set" are left out.
   */
  public static ObjectNode readPartial(ResourceTypeDefinition type, JsonNode body) {
    ObjectNode attributes = readAttributes(type, body, false);
    attributes.remove(ResourceLayout.SCHEMAS);
    return attributes;
  }

  /**
   * Reads the value for one attribute or sub-attribute, such as the value of a PATCH operation with
   * a path. Required sub-attributes are not checked. Read-only and write-only targets give empty:
   * the caller decides whether writing them is an error.
   *
   * @return the canonical value; empty when the value means "not set"
   */
  public static Optional<JsonNode> readValue(ResolvedAttribute target, JsonNode value) {
    return AttributeValueReader.read(target.target(), target.canonicalPath(), value, false);
  }

  /**
   * True when a client's value means "not set": JSON null, a missing value, {@code ""}, {@code []}
   * or {@code {}}. A PATCH add or replace with such a value clears its target.
   */
  public static boolean isUnset(JsonNode value) {
    return AttributeValueReader.isUnset(value);
  }

  private static ObjectNode readAttributes(
      ResourceTypeDefinition type, JsonNode body, boolean complete) {
    if (body == null) {
      throw ScimException.invalidSyntax("the resource must be a JSON object");
    }
    if (!body.isObject()) {
      throw ScimException.invalidSyntax(
          "the resource must be a JSON object, not " + AttributeValueReader.describe(body));
    }
    Map<String, ObjectNode> given = collect(type, body);
    ObjectNode result = Json.object();
    for (ResolvedAttribute attribute : ResourceLayout.attributes(type)) {
      String schemaKey = attribute.schema() == null ? "" : attribute.schema().id();
      JsonNode raw = given.getOrDefault(schemaKey, Json.object()).get(attribute.attribute().name());
      AttributeValueReader.read(attribute.attribute(), attribute.canonicalPath(), raw, complete)
          .ifPresent(value -> attribute.set(result, value));
    }
    if (complete) {
      checkRequired(type.coreSchema(), false, result);
      for (SchemaDefinition extension : type.extensions()) {
        if (result.has(extension.id())) {
          checkRequired(extension, true, result.get(extension.id()));
        }
      }
    }
    return result;
  }

  /**
   * Sorts the body's keys into one object per schema ("" for the common attributes), keyed by
   * canonical attribute name, with dotted and URN-qualified keys folded into place. Values stay as
   * sent.
   */
  private static Map<String, ObjectNode> collect(ResourceTypeDefinition type, JsonNode body) {
    Map<String, ObjectNode> given = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (key.equalsIgnoreCase(ResourceLayout.SCHEMAS)) {
        continue; // recomputed from the attributes that have values
      }
      Optional<SchemaDefinition> whole = schemaNamed(type, key);
      if (whole.isPresent()) {
        if (AttributeValueReader.isUnset(value)) {
          continue;
        }
        if (!value.isObject()) {
          throw ScimException.invalidSyntax(
              whole.get().id()
                  + " must be a JSON object, not "
                  + AttributeValueReader.describe(value));
        }
        for (Map.Entry<String, JsonNode> inner : value.properties()) {
          place(type, given, whole.get(), inner.getKey(), inner.getValue());
        }
      } else if (key.regionMatches(true, 0, URN_PREFIX, 0, URN_PREFIX.length())) {
        qualifyingSchema(type, key)
            .ifPresent(
                schema ->
                    place(type, given, schema, key.substring(schema.id().length() + 1), value));
      } else {
        place(type, given, type.coreSchema(), key, value);
      }
    }
    return given;
  }

  private static void place(
      ResourceTypeDefinition type,
      Map<String, ObjectNode> given,
      SchemaDefinition schema,
      String key,
      JsonNode value) {
    int dot = key.indexOf('.');
    String attributeName = dot < 0 ? key : key.substring(0, dot);
    boolean core = schema == type.coreSchema();
    Optional<AttributeDefinition> common =
        core ? CommonAttributes.attribute(attributeName) : Optional.empty();
    Optional<AttributeDefinition> found = common.or(() -> schema.attribute(attributeName));
    if (found.isEmpty()) {
      return; // unknown attribute
    }
    AttributeDefinition attribute = found.get();
    String schemaKey = common.isPresent() ? "" : schema.id();
    String path = core ? attribute.name() : schema.id() + ":" + attribute.name();
    ObjectNode bucket = given.computeIfAbsent(schemaKey, unused -> Json.object());
    if (dot < 0) {
      merge(bucket, attribute.name(), value, path);
      return;
    }
    Optional<AttributeDefinition> sub =
        attribute.isComplex() && !attribute.multiValued()
            ? attribute.subAttribute(key.substring(dot + 1))
            : Optional.empty();
    if (sub.isEmpty()) {
      return; // not a sub-attribute of a singular complex attribute: see the class comment
    }
    JsonNode existing = bucket.get(attribute.name());
    ObjectNode container;
    if (existing instanceof ObjectNode object) {
      container = object;
    } else if (AttributeValueReader.isUnset(existing)) {
      container = bucket.putObject(attribute.name());
    } else if (existing.isTextual() && attribute.subAttribute("value").isPresent()) {
      container = bucket.putObject(attribute.name());
      container.set("value", existing);
    } else {
      throw ScimException.invalidSyntax(
          path + " must be a JSON object, not " + AttributeValueReader.describe(existing));
    }
    merge(container, sub.get().name(), value, path + "." + sub.get().name());
  }

  /**
   * Adds a value under its canonical name; the same attribute given twice is an error unless empty.
   */
  private static void merge(ObjectNode target, String name, JsonNode value, String path) {
    if (AttributeValueReader.isUnset(value)) {
      return;
    }
    JsonNode existing = AttributeNames.member(target, name);
    if (existing == null) {
      target.set(name, value.deepCopy());
      return;
    }
    if (!(existing instanceof ObjectNode existingObject) || !value.isObject()) {
      throw AttributeValueReader.givenTwice(path);
    }
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      merge(existingObject, field.getKey(), field.getValue(), path + "." + field.getKey());
    }
  }

  private static void checkRequired(SchemaDefinition schema, boolean extension, JsonNode values) {
    for (AttributeDefinition attribute : schema.attributes()) {
      if (attribute.required() && !values.has(attribute.name())) {
        String path = extension ? schema.id() + ":" + attribute.name() : attribute.name();
        throw ScimException.invalidValue(path + " is required" + requiredParts(attribute, path));
      }
    }
  }

  private static String requiredParts(AttributeDefinition attribute, String path) {
    List<String> parts = new ArrayList<>();
    for (AttributeDefinition sub : attribute.subAttributes()) {
      if (sub.required()) {
        parts.add(path + "." + sub.name());
      }
    }
    return parts.isEmpty() ? "" : ", with " + String.join(" and ", parts);
  }

  /** The core or extension schema whose URN is exactly the key, ignoring case. */
  private static Optional<SchemaDefinition> schemaNamed(ResourceTypeDefinition type, String key) {
    if (type.coreSchema().id().equalsIgnoreCase(key)) {
      return Optional.of(type.coreSchema());
    }
    return type.extension(key);
  }

  /**
   * The schema whose URN followed by ':' starts the key, e.g. {@code urn:...:User:employeeNumber}.
   */
  private static Optional<SchemaDefinition> qualifyingSchema(
      ResourceTypeDefinition type, String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    List<SchemaDefinition> schemas = new ArrayList<>();
    schemas.add(type.coreSchema());
    schemas.addAll(type.extensions());
    return schemas.stream()
        .filter(schema -> lower.startsWith(schema.id().toLowerCase(Locale.ROOT) + ":"))
        .max(Comparator.comparingInt(schema -> schema.id().length()));
  }
}
