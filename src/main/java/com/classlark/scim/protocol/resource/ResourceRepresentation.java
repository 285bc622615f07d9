package com.classlark.scim.protocol.resource;

import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * The full JSON of a resource as a response carries it (RFC 7643 §3.1): {@code schemas}, {@code
 * id}, the stored attributes and {@code meta}. Projection is applied afterwards.
 */
public final class ResourceRepresentation {
  private ResourceRepresentation() {}

  /**
   * Resource metadata.
   *
   * @param location absolute URI of the resource
   * @param version the entity tag, e.g. {@code W/"3"}
   */
  public record Meta(Instant created, Instant lastModified, String location, String version) {}

  /**
   * {@code document} with {@code id} and {@code meta}; {@code schemas} first, {@code meta} last.
   */
  public static ObjectNode render(
      ResourceTypeDefinition type, String id, ObjectNode document, Meta meta) {
    ObjectNode output = Json.object();
    JsonNode schemas = document.get("schemas");
    if (schemas != null) {
      output.set("schemas", schemas);
    } else {
      output.putArray("schemas").add(type.coreSchema().id());
    }
    output.put("id", id);
    for (Iterator<Map.Entry<String, JsonNode>> fields = document.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getKey().equals("schemas")) {
        output.set(field.getKey(), field.getValue());
      }
    }
    ObjectNode metaNode = output.putObject("meta");
    metaNode.put("resourceType", type.name());
    metaNode.put("created", meta.created().toString());
    metaNode.put("lastModified", meta.lastModified().toString());
    metaNode.put("location", meta.location());
    metaNode.put("version", meta.version());
    return output;
  }
}
