package com.classlark.scim.directory.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The names, never the values, of the attributes in which two canonical SCIM documents differ, for
 * the provisioning log's {@code changes}: sub-attributes of a complex attribute as {@code
 * name.givenName}, extension attributes under their schema URN ({@code
 * urn:…:enterprise:2.0:User:department}), a multi-valued attribute as a whole ({@code emails}).
 * {@code schemas} is not an attribute and never listed.
 */
public final class ChangedAttributes {
  private ChangedAttributes() {}

  /** The names of the attributes that differ between {@code before} and {@code after}, sorted. */
  public static List<String> between(ObjectNode before, ObjectNode after) {
    TreeSet<String> names = new TreeSet<>();
    compare("", before, after, true, names);
    return List.copyOf(names);
  }

  /** The names of every attribute {@code created} holds, as a created resource's changes. */
  public static List<String> of(ObjectNode created) {
    return between(created.objectNode(), created);
  }

  private static void compare(
      String prefix, JsonNode before, JsonNode after, boolean topLevel, TreeSet<String> names) {
    TreeSet<String> keys = new TreeSet<>();
    fieldNames(before, keys);
    fieldNames(after, keys);
    for (String key : keys) {
      if (topLevel && key.equals("schemas")) {
        continue;
      }
      JsonNode old = before.path(key);
      JsonNode now = after.path(key);
      if (old.equals(now) || (absent(old) && absent(now))) {
        continue;
      }
      boolean extension = topLevel && key.startsWith("urn:");
      if ((old.isObject() || absent(old)) && (now.isObject() || absent(now)) && (topLevel)) {
        compare(prefix + key + (extension ? ":" : "."), old, now, false, names);
      } else {
        names.add(prefix + key);
      }
    }
  }

  private static boolean absent(JsonNode node) {
    return node instanceof MissingNode || node.isNull();
  }

  private static void fieldNames(JsonNode node, TreeSet<String> into) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        names.add(field.getKey());
      }
      into.addAll(names);
    }
  }
}
