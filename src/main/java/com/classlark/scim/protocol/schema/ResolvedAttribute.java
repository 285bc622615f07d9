package com.classlark.scim.protocol.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An attribute path resolved against a resource type: the one way every consumer reaches an
 * attribute — its canonical path (the key of the SQL allow-list, projection and error details), its
 * place in a resource's JSON (RFC 7643 §3: core attributes at the top level, extension attributes
 * under their schema URN), the values a filter compares (RFC 7644 §3.4.2.2) and the key a sort
 * orders by (RFC 7644 §3.4.2.3).
 *
 * <p>JSON access expects a resource in canonical form, as the service stores and edits it: keys are
 * the schema's attribute names in their case, so lookups are exact.
 */
public final class ResolvedAttribute {
  private final SchemaDefinition schema;
  private final boolean extension;
  private final AttributeDefinition attribute;
  private final AttributeDefinition subAttribute;

  /**
   * The canonical path's text, made on first use: projection, PATCH and the reader ask for it once
   * per attribute per resource, and building it each time cost rendering a third of its time.
   */
  private String canonicalPath;

  /**
   * @param schema the schema that defines the attribute; {@code null} for the common attributes
   *     ({@code id}, {@code externalId}, {@code meta}, {@code schemas}) of RFC 7643 §3.1
   * @param extension true when the attribute lives under its schema URN in the resource JSON
   * @param attribute the top-level attribute
   * @param subAttribute the sub-attribute, or {@code null} when the path names the whole attribute
   */
  public ResolvedAttribute(
      SchemaDefinition schema,
      boolean extension,
      AttributeDefinition attribute,
      AttributeDefinition subAttribute) {
    this.schema = schema;
    this.extension = extension;
    this.attribute = attribute;
    this.subAttribute = subAttribute;
  }

  public SchemaDefinition schema() {
    return schema;
  }

  public boolean extension() {
    return extension;
  }

  public AttributeDefinition attribute() {
    return attribute;
  }

  public AttributeDefinition subAttribute() {
    return subAttribute;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ResolvedAttribute that
        && extension == that.extension
        && java.util.Objects.equals(schema, that.schema)
        && java.util.Objects.equals(attribute, that.attribute)
        && java.util.Objects.equals(subAttribute, that.subAttribute);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(schema, extension, attribute, subAttribute);
  }

  @Override
  public String toString() {
    return "ResolvedAttribute[" + canonicalPath() + "]";
  }

  /** The definition the path finally names: the sub-attribute if there is one. */
  public AttributeDefinition target() {
    return subAttribute != null ? subAttribute : attribute;
  }

  public Optional<AttributeDefinition> sub() {
    return Optional.ofNullable(subAttribute);
  }

  /** The same top-level attribute narrowed to {@code sub}; the whole attribute when null. */
  public ResolvedAttribute withSub(AttributeDefinition sub) {
    return new ResolvedAttribute(schema, extension, attribute, sub);
  }

  /**
   * The canonical path: the schema's names in their case, schema-qualified for extension attributes
   * only. The one path every consumer uses as a key (the SQL allow-list, projection, errors).
   */
  public AttrPath path() {
    return new AttrPath(
        extension ? schema.id() : null,
        attribute.name(),
        subAttribute == null ? null : subAttribute.name());
  }

  /** The canonical path's text, e.g. {@code name.givenName} or {@code urn:…:User:room}. */
  public String canonicalPath() {
    String path = canonicalPath;
    if (path == null) {
      // A benign race: every thread computes the same immutable text.
      path = path().toString();
      canonicalPath = path;
    }
    return path;
  }

  /**
   * The top-level attribute's value in {@code resource}, or a missing node when absent. Names are
   * read as {@link AttributeNames#member} reads them, so a resource that is not canonical is read
   * too.
   */
  public JsonNode get(JsonNode resource) {
    return member(extension ? member(resource, schema.id()) : resource, attribute.name());
  }

  /** Sets the top-level attribute's value, creating the extension object when needed. */
  public void set(ObjectNode resource, JsonNode value) {
    ObjectNode container = resource;
    if (extension) {
      container =
          resource.get(schema.id()) instanceof ObjectNode existing
              ? existing
              : resource.putObject(schema.id());
    }
    container.set(attribute.name(), value);
  }

  /** Removes the top-level attribute, and its extension object when that becomes empty. */
  public void remove(ObjectNode resource) {
    if (!extension) {
      resource.remove(attribute.name());
      return;
    }
    if (resource.get(schema.id()) instanceof ObjectNode object) {
      object.remove(attribute.name());
      if (object.isEmpty()) {
        resource.remove(schema.id());
      }
    }
  }

  /**
   * Every JSON value the path reaches in {@code resource}, one per value of a multi-valued
   * attribute ({@code emails.value} yields each email's value): what a filter compares.
   */
  public List<JsonNode> values(JsonNode resource) {
    return valuesIn(get(resource));
  }

  /**
   * The values the path reaches in one value of its top-level attribute: the attribute's array, one
   * of its elements, or the object of a singular complex attribute.
   */
  public List<JsonNode> valuesIn(JsonNode attributeValue) {
    if (subAttribute == null) {
      return flatten(attributeValue);
    }
    if (!attributeValue.isArray()) {
      // One element, or the object of a singular complex attribute: no list of elements to build.
      return flatten(member(attributeValue, subAttribute.name()));
    }
    List<JsonNode> values = new ArrayList<>();
    for (JsonNode element : attributeValue) {
      values.addAll(flatten(member(element, subAttribute.name())));
    }
    return values;
  }

  /**
   * The values of an attribute as a new list the caller may change: the array's elements, the
   * single value, or none when it is missing or null.
   */
  public static List<JsonNode> elements(JsonNode attributeValue) {
    List<JsonNode> elements = new ArrayList<>();
    if (attributeValue.isArray()) {
      attributeValue.forEach(elements::add);
    } else if (!attributeValue.isMissingNode() && !attributeValue.isNull()) {
      elements.add(attributeValue);
    }
    return elements;
  }

  /** {@link AttributeNames#member}, missing rather than null when absent. */
  private static JsonNode member(JsonNode node, String name) {
    JsonNode member = AttributeNames.member(node, name);
    return member == null ? MissingNode.getInstance() : member;
  }

  private static List<JsonNode> flatten(JsonNode node) {
    if (node.isMissingNode()) {
      return List.of();
    }
    if (node.isArray()) {
      List<JsonNode> values = new ArrayList<>(node.size());
      node.forEach(values::add);
      return values;
    }
    return List.of(node);
  }

  /**
   * The key {@code resource} sorts by on this path (RFC 7644 §3.4.2.3), typed by the target's type
   * and case rules; {@code null} when the resource has no value. A multi-valued attribute sorts by
   * its primary value, else its first. Compare keys with {@link #compareSortKeys}.
   */
  @SuppressWarnings("rawtypes")
  public Comparable sortKey(JsonNode resource) {
    JsonNode value = get(resource);
    if (value.isArray()) {
      JsonNode chosen = null;
      for (JsonNode element : value) {
        if (chosen == null || element.path("primary").asBoolean(false)) {
          chosen = element;
        }
        if (element.path("primary").asBoolean(false)) {
          break;
        }
      }
      value = chosen == null ? MissingNode.getInstance() : chosen;
    }
    if (subAttribute != null) {
      value = member(value, subAttribute.name());
    }
    if (value.isMissingNode() || value.isNull() || value.isContainerNode()) {
      return null;
    }
    AttributeDefinition definition = target();
    return switch (definition.type()) {
      case BOOLEAN -> value.asBoolean();
      case INTEGER, DECIMAL ->
          value.isNumber() ? value.decimalValue() : parseDecimal(value.asText());
      case DATE_TIME -> ScimDateTime.parse(value.asText()).orElse(null);
      case STRING, REFERENCE, BINARY, COMPLEX ->
          definition.caseExact() ? value.asText() : value.asText().toLowerCase(Locale.ROOT);
    };
  }

  /**
   * The ascending order of two {@link #sortKey}s of one path: resources without a value (a {@code
   * null} key) last.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static int compareSortKeys(Comparable left, Comparable right) {
    if (left == null || right == null) {
      return left == right ? 0 : left == null ? 1 : -1;
    }
    return left.compareTo(right);
  }

  private static BigDecimal parseDecimal(String text) {
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
