package com.classlark.scim.protocol.patch;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.protocol.schema.AttributeDefinition;
import com.classlark.scim.protocol.schema.AttributeType;
import com.classlark.scim.protocol.schema.Mutability;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Changes the sub-attributes of one complex value, as {@code add} and {@code replace} do (RFC 7644
 * §3.5.2.1, §3.5.2.3: "Sub-attributes that are not specified in the value parameter are left
 * unchanged"). The same rule serves a singular complex attribute ({@code name}, {@code manager})
 * and one value of a multi-valued one ({@code emails[type eq "work"]}).
 *
 * <p>When the change points the value elsewhere (its {@code value} sub-attribute changes), the
 * sub-attributes that described the old target go unless the client gave new ones: read-only ones
 * such as {@code manager.displayName}, which the service fills in, and references such as {@code
 * manager.$ref}. A new manager must not keep the old manager's name and URI.
 */
final class ComplexMerge {
  private ComplexMerge() {}

  private static final String VALUE = "value";

  /**
   * @param definition the complex attribute
   * @param path the attribute path for error details
   * @param existing the current value; missing or null when there is none
   * @param given canonical sub-attribute values to set
   * @param cleared sub-attributes to remove
   * @return the new value, possibly empty (then the caller removes it); {@code existing} is
   *     unchanged
   * @throws ScimException {@code mutability} when an immutable sub-attribute with a value would
   *     change
   */
  static ObjectNode merge(
      AttributeDefinition definition,
      String path,
      JsonNode existing,
      ObjectNode given,
      Collection<AttributeDefinition> cleared) {
    ObjectNode result = existing instanceof ObjectNode object ? object.deepCopy() : Json.object();
    for (AttributeDefinition sub : cleared) {
      checkImmutable(sub, path + "." + sub.name(), result.get(sub.name()), null);
      result.remove(sub.name());
    }
    for (Map.Entry<String, JsonNode> field : given.properties()) {
      AttributeDefinition sub = definition.subAttribute(field.getKey()).orElseThrow();
      checkImmutable(sub, path + "." + sub.name(), result.get(sub.name()), field.getValue());
      result.set(sub.name(), field.getValue());
    }
    if (existing instanceof ObjectNode old && !Objects.equals(old.get(VALUE), result.get(VALUE))) {
      for (AttributeDefinition sub : definition.subAttributes()) {
        boolean describesTarget =
            sub.mutability() == Mutability.READ_ONLY || sub.type() == AttributeType.REFERENCE;
        if (describesTarget && !sub.name().equals(VALUE) && !given.has(sub.name())) {
          result.remove(sub.name());
        }
      }
    }
    return result;
  }

  /**
   * RFC 7644 §3.5.2: an immutable attribute may be given a value when it has none, never changed or
   * removed once it has one.
   *
   * @param replacement the new value; null for removal
   */
  static void checkImmutable(
      AttributeDefinition definition, String path, JsonNode current, JsonNode replacement) {
    if (definition.mutability() != Mutability.IMMUTABLE
        || current == null
        || current.isMissingNode()) {
      return;
    }
    if (!current.equals(replacement)) {
      throw ScimException.mutability(
          path + " is immutable: it already has a value, which cannot be changed or removed");
    }
  }
}
