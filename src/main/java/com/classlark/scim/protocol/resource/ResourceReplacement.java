package com.classlark.scim.protocol.resource;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.schema.AttributeDefinition;
import com.classlark.scim.protocol.schema.AttributeType;
import com.classlark.scim.protocol.schema.Mutability;
import com.classlark.scim.protocol.schema.ResolvedAttribute;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Replaces a resource with a client's PUT body following the mutability rules of RFC 7644 §3.5.1
 * and RFC 7643 §2.2:
 *
 * <ul>
 *   <li>{@code readOnly} attributes keep their existing values ({@code id}, {@code meta}, {@code
 *       groups}); values the client sent for them are ignored;
 *   <li>{@code immutable} attributes that already have a value must be given the same value, or
 *       left out (then they keep it); a different value is a {@code mutability} error;
 *   <li>{@code writeOnly} attributes are never kept;
 *   <li>{@code readWrite} attributes take the client's value, and absent ones are cleared.
 * </ul>
 *
 * <p>Inside a complex attribute the same rules apply to its sub-attributes. A read-only
 * sub-attribute ({@code manager.displayName}, {@code members.display}) keeps its existing value
 * only while the rest of its complex value is unchanged: once the client points {@code manager} at
 * someone else, the old display name would be wrong, so it is dropped for the service to fill in
 * again. Immutable sub-attributes of multi-valued attributes ({@code members.value}) are not
 * compared: values of a multi-valued attribute may be added and removed, and there is no identity
 * by which to pair old and new values.
 */
public final class ResourceReplacement {
  private ResourceReplacement() {}

  /**
   * The resource that results from replacing {@code existing} with {@code incoming}.
   *
   * @param existing the stored resource in canonical form, with {@code id} and {@code meta}
   * @param incoming the client's body as returned by {@link ResourceReader#read}
   * @return a new canonical resource with {@code schemas} recomputed; neither argument is changed
   * @throws ScimException {@code mutability} when an immutable attribute would change
   */
  public static ObjectNode replace(
      ResourceTypeDefinition type, ObjectNode existing, ObjectNode incoming) {
    ObjectNode result = incoming.deepCopy();
    for (ResolvedAttribute attribute : ResourceLayout.attributes(type)) {
      AttributeDefinition definition = attribute.attribute();
      JsonNode old = attribute.get(existing);
      JsonNode given = attribute.get(result);
      switch (definition.mutability()) {
        case READ_ONLY -> {
          if (old.isMissingNode()) {
            attribute.remove(result);
          } else {
            attribute.set(result, old.deepCopy());
          }
        }
        case WRITE_ONLY -> attribute.remove(result);
        case IMMUTABLE -> {
          if (!old.isMissingNode()) {
            if (given.isMissingNode()) {
              attribute.set(result, old.deepCopy());
            } else if (!sameValue(definition, old, given)) {
              throw immutable(attribute.canonicalPath());
            }
          }
        }
        case READ_WRITE -> {
          if (definition.isComplex() && !given.isMissingNode() && !old.isMissingNode()) {
            keepSubAttributes(definition, attribute.canonicalPath(), old, given);
          }
        }
      }
    }
    return ResourceLayout.withSchemas(type, result);
  }

  /**
   * A copy of the resource without read-only attributes and sub-attributes ({@code id}, {@code
   * meta}, {@code groups}, {@code manager.displayName}, …) and without write-only ones: what a
   * client may write.
   */
  public static ObjectNode withoutReadOnly(ResourceTypeDefinition type, ObjectNode resource) {
    ObjectNode result = resource.deepCopy();
    for (ResolvedAttribute attribute : ResourceLayout.attributes(type)) {
      AttributeDefinition definition = attribute.attribute();
      JsonNode value = attribute.get(result);
      if (value.isMissingNode()) {
        continue;
      }
      if (!writable(definition.mutability())) {
        attribute.remove(result);
      } else if (definition.isComplex()) {
        for (JsonNode element : definition.multiValued() ? value : result.arrayNode().add(value)) {
          if (element instanceof ObjectNode object) {
            definition.subAttributes().stream()
                .filter(sub -> !writable(sub.mutability()))
                .forEach(sub -> object.remove(sub.name()));
          }
        }
        removeEmptyValues(result, attribute, definition);
      }
    }
    return ResourceLayout.withSchemas(type, result);
  }

  private static void removeEmptyValues(
      ObjectNode resource, ResolvedAttribute attribute, AttributeDefinition definition) {
    JsonNode value = attribute.get(resource);
    if (definition.multiValued() && value instanceof ArrayNode array) {
      for (int index = array.size() - 1; index >= 0; index--) {
        if (array.get(index).isEmpty()) {
          array.remove(index);
        }
      }
    }
    if (value.isEmpty()) {
      attribute.remove(resource);
    }
  }

  private static void keepSubAttributes(
      AttributeDefinition definition, String path, JsonNode old, JsonNode given) {
    if (!definition.multiValued()) {
      if (old instanceof ObjectNode oldObject && given instanceof ObjectNode givenObject) {
        checkImmutableSubAttributes(definition, path, oldObject, givenObject);
        keepReadOnlySubAttributes(definition, oldObject, givenObject);
      }
      return;
    }
    for (JsonNode givenElement : given) {
      for (JsonNode oldElement : old) {
        if (oldElement instanceof ObjectNode oldObject
            && givenElement instanceof ObjectNode givenObject
            && keepReadOnlySubAttributes(definition, oldObject, givenObject)) {
          break;
        }
      }
    }
  }

  private static void checkImmutableSubAttributes(
      AttributeDefinition definition, String path, ObjectNode old, ObjectNode given) {
    for (AttributeDefinition sub : definition.subAttributes()) {
      JsonNode oldValue = old.path(sub.name());
      if (sub.mutability() != Mutability.IMMUTABLE || oldValue.isMissingNode()) {
        continue;
      }
      JsonNode givenValue = given.path(sub.name());
      if (givenValue.isMissingNode()) {
        given.set(sub.name(), oldValue.deepCopy());
      } else if (!sameValue(sub, oldValue, givenValue)) {
        throw immutable(path + "." + sub.name());
      }
    }
  }

  /** Copies the read-only sub-attributes when the writable ones are equal; true when they were. */
  private static boolean keepReadOnlySubAttributes(
      AttributeDefinition definition, ObjectNode old, ObjectNode given) {
    ObjectNode oldWritable = old.deepCopy();
    definition.subAttributes().stream()
        .filter(sub -> sub.mutability() == Mutability.READ_ONLY)
        .forEach(sub -> oldWritable.remove(sub.name()));
    if (!oldWritable.equals(given)) {
      return false;
    }
    for (AttributeDefinition sub : definition.subAttributes()) {
      if (sub.mutability() == Mutability.READ_ONLY && old.has(sub.name())) {
        given.set(sub.name(), old.get(sub.name()).deepCopy());
      }
    }
    return true;
  }

  private static boolean sameValue(AttributeDefinition definition, JsonNode old, JsonNode given) {
    if (definition.type() == AttributeType.STRING
        && !definition.caseExact()
        && old.isTextual()
        && given.isTextual()) {
      return old.textValue().equalsIgnoreCase(given.textValue());
    }
    return old.equals(given);
  }

  private static boolean writable(Mutability mutability) {
    return mutability == Mutability.READ_WRITE || mutability == Mutability.IMMUTABLE;
  }

  private static ScimException immutable(String path) {
    return ScimException.mutability(
        path
            + " is immutable: once set it cannot be changed, so give the existing value or leave it"
            + " out");
  }
}
