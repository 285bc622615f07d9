package com.classlark.scim.protocol.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Renders the schema model as the discovery resources of RFC 7643: a schema as served by {@code
 * /Schemas} (§7) and a resource type as served by {@code /ResourceTypes} (§6). The output is
 * generated from the definitions, so the schema the service enforces is the schema it publishes. It
 * never contains a JSON null.
 */
public final class SchemaRepresentation {
  private SchemaRepresentation() {}

  /** The {@code schemas} value of a schema resource, RFC 7643 §7. */
  public static final String SCHEMA_URN = "urn:ietf:params:scim:schemas:core:2.0:Schema";

  /** The {@code schemas} value of a resource type resource, RFC 7643 §6. */
  public static final String RESOURCE_TYPE_URN =
      "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * A schema as served at {@code /Schemas/{id}}.
   *
   * @param baseUrl the service's base URL without trailing slash, e.g. {@code
   *     https://scim.example/scim/v2}
   * @param limit the limit on values that the descriptions of multi-valued attributes state
   */
  public static ObjectNode schema(SchemaDefinition schema, String baseUrl, MultiValueLimit limit) {
    ObjectNode node = NODES.objectNode();
    node.putArray("schemas").add(SCHEMA_URN);
    node.put("id", schema.id());
    node.put("name", schema.name());
    node.put("description", schema.description());
    node.set("attributes", attributes(schema.attributes(), limit));
    node.set("meta", meta("Schema", trimSlash(baseUrl) + "/Schemas/" + schema.id()));
    return node;
  }

  /**
   * A resource type as served at {@code /ResourceTypes/{name}}. ClassLark requires none of its
   * schema extensions, so each is listed with {@code required: false}.
   *
   * @param baseUrl the service's base URL without trailing slash
   */
  public static ObjectNode resourceType(ResourceTypeDefinition type, String baseUrl) {
    ObjectNode node = NODES.objectNode();
    node.putArray("schemas").add(RESOURCE_TYPE_URN);
    node.put("id", type.name());
    node.put("name", type.name());
    node.put("endpoint", type.endpoint());
    node.put("description", type.description());
    node.put("schema", type.coreSchema().id());
    ArrayNode extensions = node.putArray("schemaExtensions");
    for (SchemaDefinition extension : type.extensions()) {
      extensions.addObject().put("schema", extension.id()).put("required", false);
    }
    node.set("meta", meta("ResourceType", trimSlash(baseUrl) + "/ResourceTypes/" + type.name()));
    return node;
  }

  /**
   * One attribute with all its characteristics (RFC 7643 §7): {@code canonicalValues} only when
   * there are any, {@code referenceTypes} only for references, {@code subAttributes} only for
   * complex attributes.
   */
  public static ObjectNode attribute(AttributeDefinition attribute, MultiValueLimit limit) {
    ObjectNode node = NODES.objectNode();
    node.put("name", attribute.name());
    node.put("type", attribute.type().scimName());
    node.put("multiValued", attribute.multiValued());
    node.put("description", limit.describe(attribute));
    node.put("required", attribute.required());
    node.put("caseExact", attribute.caseExact());
    node.put("mutability", attribute.mutability().scimName());
    node.put("returned", attribute.returned().scimName());
    node.put("uniqueness", attribute.uniqueness().scimName());
    if (!attribute.canonicalValues().isEmpty()) {
      node.set("canonicalValues", strings(attribute.canonicalValues()));
    }
    if (attribute.type() == AttributeType.REFERENCE) {
      node.set("referenceTypes", strings(attribute.referenceTypes()));
    }
    if (attribute.isComplex()) {
      node.set("subAttributes", attributes(attribute.subAttributes(), limit));
    }
    return node;
  }

  private static ArrayNode attributes(
      List<AttributeDefinition> definitions, MultiValueLimit limit) {
    ArrayNode array = NODES.arrayNode();
    definitions.forEach(definition -> array.add(attribute(definition, limit)));
    return array;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }

  private static ObjectNode meta(String resourceType, String location) {
    ObjectNode meta = NODES.objectNode();
    meta.put("resourceType", resourceType);
    meta.put("location", location);
    return meta;
  }

  private static String trimSlash(String baseUrl) {
    return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }
}
