package com.classlark.scim.protocol.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bulkId:} references (RFC 7644 §3.7.2): a value {@code bulkId:qwerty} in an operation's
 * path or anywhere in its data stands for the id of the resource that the POST with bulkId {@code
 * qwerty} creates. A reference is a whole string value, such as a group member's {@code value}.
 */
public final class BulkReferences {
  /** The prefix of a reference, as RFC 7644 §3.7.2 spells it. */
  public static final String PREFIX = "bulkId:";

  private BulkReferences() {}

  /** The bulkIds an operation references, in the order they appear (path first). */
  public static List<String> of(BulkOperation operation) {
    Set<String> found = new LinkedHashSet<>();
    if (operation.resourceId() != null && isReference(operation.resourceId())) {
      found.add(bulkId(operation.resourceId()));
    }
    if (operation.data() != null) {
      collect(operation.data(), found);
    }
    return new ArrayList<>(found);
  }

  public static boolean isReference(String value) {
    return value.startsWith(PREFIX) && value.length() > PREFIX.length();
  }

  /** The bulkId a reference names: {@code qwerty} for {@code bulkId:qwerty}. */
  public static String bulkId(String reference) {
    return reference.substring(PREFIX.length());
  }

  /** The resource id a path id stands for, resolving a reference through {@code ids}. */
  public static String resolve(String resourceId, Map<String, String> ids) {
    return isReference(resourceId) ? ids.getOrDefault(bulkId(resourceId), resourceId) : resourceId;
  }

  /**
   * A copy of {@code data} with every reference replaced by the id {@code ids} maps its bulkId to.
   */
  public static JsonNode resolve(JsonNode data, Map<String, String> ids) {
    JsonNode copy = data.deepCopy();
    replace(copy, ids);
    return copy;
  }

  private static void collect(JsonNode node, Set<String> found) {
    if (node.isTextual() && isReference(node.textValue())) {
      found.add(bulkId(node.textValue()));
    }
    for (JsonNode child : node) {
      collect(child, found);
    }
  }

  private static void replace(JsonNode node, Map<String, String> ids) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String resolved = resolvedText(object.get(name), ids);
        if (resolved != null) {
          object.set(name, TextNode.valueOf(resolved));
        } else {
          replace(object.get(name), ids);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int index = 0; index < array.size(); index++) {
        String resolved = resolvedText(array.get(index), ids);
        if (resolved != null) {
          array.set(index, TextNode.valueOf(resolved));
        } else {
          replace(array.get(index), ids);
        }
      }
    }
  }

  /** The id for a reference node, or null when the node is not a reference to a known bulkId. */
  private static String resolvedText(JsonNode node, Map<String, String> ids) {
    return node.isTextual() && isReference(node.textValue())
        ? ids.get(bulkId(node.textValue()))
        : null;
  }
}
