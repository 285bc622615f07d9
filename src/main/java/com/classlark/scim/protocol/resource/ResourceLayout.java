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
 * are exact; {@link ResolvedAttribute} reads and writes each attribute there.
 */
public final class ResourceLayout {
  private ResourceLayout() {}

  static final String SCHEMAS = "schemas";

  /** The attribute lists made so far, by resource type (compared by identity; a handful). */
  private record Laid(ResourceTypeDefinition type, List<ResolvedAttribute> attributes) {}

  private static final int MAX_LAID = 16;
  private static volatile List<Laid> laid = List.of();

  /**
   * Every top-level attribute of the type: common attributes, then core, then each extension. The
   * same list, and so the same attributes with their path text made once, for every resource of a
   * type: rendering and PATCH ask for it per resource.
   */
  public static List<ResolvedAttribute> attributes(ResourceTypeDefinition type) {
    for (Laid known : laid) {
      if (known.type() == type) {
        return known.attributes();
      }
    }
    List<ResolvedAttribute> attributes = layOut(type);
    List<Laid> current = laid;
    if (current.size() < MAX_LAID) {
      List<Laid> more = new ArrayList<>(current);
      more.add(new Laid(type, attributes));
      laid = List.copyOf(more);
    }
    return attributes;
  }

  private static List<ResolvedAttribute> layOut(ResourceTypeDefinition type) {
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
