package com.classlark.scim.protocol.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Attribute names as SCIM reads them: case-insensitive (RFC 7643 §2.1), in resources and in the
 * messages of RFC 7644 ({@code Operations}, {@code op}, {@code path}, …) alike.
 */
public final class AttributeNames {
  private AttributeNames() {}

  /**
   * The member of {@code node} named {@code name}: exactly first, then ignoring case; {@code null}
   * when {@code node} is not an object or has no such member.
   */
  public static JsonNode member(JsonNode node, String name) {
    if (!node.isObject()) {
      return null;
    }
    JsonNode exact = node.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, JsonNode> member : node.properties()) {
      if (member.getKey().equalsIgnoreCase(name)) {
        return member.getValue();
      }
    }
    return null;
  }
}
