package com.classlark.scim.protocol.resource;

import com.classlark.scim.protocol.schema.AttributeDefinition;
import com.classlark.scim.protocol.schema.CommonAttributes;
import com.classlark.scim.protocol.schema.ResolvedAttribute;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.classlark.scim.protocol.schema.SchemaDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where each attribute of a resource type lives in the canonical resource JSON: common and core
 * attributes at the top level, extension attributes inside the object keyed by the extension URN
 * (RFC 7643 §3, §3.3). Keys in canonical JSON are the canonical attribute names, so lookups here
 * are exact. Public for the PATCH engine, which edits canonical resources in place.
 */
public final class ResourceLayout {
  private ResourceLayout() {}

  static final String SCHEMAS = "schemas";

  /** Every top-level attribute of the type: common attributes, then core, then each extension. */
  public static List<ResolvedAttribute> attributes(ResourceTypeDefinition type) {
    List<ResolvedAttribute> all = new ArrayList<>();
    for (AttributeDefinition common : CommonAttributes.ALL) {
      all.add(new ResolvedAttribute(null, false, common, null));
    }
    for (AttributeDefinition core : type.coreSchema().attributes()) {
      all.add(new ResolvedAttribute(type.coreSchema(), false, core, null));
    }
    for (SchemaDefinition extension : type.extensions()) {
      for (AttributeDefinition attribute : extension.attributes()) {
        all.add(new ResolvedAttribute(extension, true, attribute, null));
      }
    }
    return List.copyOf(all);
  }

  /** The attribute's value, or a missing node when the resource does not have it. */
  public static JsonNode get(ObjectNode resource, ResolvedAttribute attribute) {
    JsonNode container = attribute.extension() ? resource.path(attribute.schema().id()) : resource;
    return container.path(attribute.attribute().name());
  }

  /** Sets the attribute's value, creating the extension object when needed. */
  public static void set(ObjectNode resource, ResolvedAttribute attribute, JsonNode value) {
    container(resource, attribute).set(attribute.attribute().name(), value);
  }

  /** Removes the attribute, and the extension object when it becomes empty. */
  public static void remove(ObjectNode resource, ResolvedAttribute attribute) {
    if (!attribute.extension()) {
      resource.remove(attribute.attribute().name());
      return;
    }
    JsonNode extension = resource.get(attribute.schema().id());
    if (extension instanceof ObjectNode object) {
      object.remove(attribute.attribute().name());
      if (object.isEmpty()) {
        resource.remove(attribute.schema().id());
      }
    }
  }

  private static ObjectNode container(ObjectNode resource, ResolvedAttribute attribute) {
    if (!attribute.extension()) {
      return resource;
    }
    JsonNode existing = resource.get(attribute.schema().id());
    if (existing instanceof ObjectNode object) {
      return object;
    }
    return resource.putObject(attribute.schema().id());
  }

  /**
   * A copy of the resource with {@code schemas} first: the core URN, then the URN of each extension
   * that has values (RFC 7643 §3). Empty extension objects are left out.
   */
  public static ObjectNode withSchemas(ResourceTypeDefinition type, ObjectNode resource) {
    ObjectNode result = Json.object();
    var schemas = result.putArray(SCHEMAS).add(type.coreSchema().id());
    for (SchemaDefinition extension : type.extensions()) {
      JsonNode values = resource.path(extension.id());
      if (values.isObject() && !values.isEmpty()) {
        schemas.add(extension.id());
      }
    }
    for (Map.Entry<String, JsonNode> field : resource.properties()) {
      boolean emptyExtension =
          type.extension(field.getKey()).isPresent() && field.getValue().isEmpty();
      if (!field.getKey().equals(SCHEMAS) && !emptyExtension) {
        result.set(field.getKey(), field.getValue());
      }
    }
    return result;
  }
}
