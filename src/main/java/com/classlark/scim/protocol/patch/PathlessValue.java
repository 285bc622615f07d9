package com.classlark.scim.protocol.patch;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.filter.FilterParser;
import com.classlark.scim.protocol.filter.PathExpression;
import com.classlark.scim.protocol.resource.ResourceLayout;
import com.classlark.scim.protocol.resource.ResourceReader;
import com.classlark.scim.protocol.schema.AttributeDefinition;
import com.classlark.scim.protocol.schema.ResolvedAttribute;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.classlark.scim.protocol.schema.SchemaDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The value of an {@code add} or {@code replace} without {@code path} (RFC 7644 §3.5.2.1,
 * §3.5.2.3): an object of attributes, read like a resource body with {@link
 * ResourceReader#readPartial}, so it takes dotted keys ({@code "name.givenName"}), URN-qualified
 * keys and extension objects as Entra ID sends them. Read-only attributes in it are ignored as in a
 * PUT (RFC 7644 §3.5.1), because Okta echoes {@code id}, {@code schemas} and {@code meta}; but an
 * {@code id} other than the resource's is refused, since the client plainly asks to change it.
 *
 * @param values canonical values to set, one per attribute present, in layout order; read once here
 *     and not again when applied
 * @param cleared attributes and sub-attributes the value sets to null, {@code ""}, {@code []} or
 *     {@code {}}: these are cleared
 */
record PathlessValue(
    List<Map.Entry<ResolvedAttribute, JsonNode>> values, List<PatchTarget> cleared) {

  /**
   * @param keys the parser of the value's keys, with the service's configured filter limits
   */
  static PathlessValue read(
      ResourceTypeDefinition type, JsonNode raw, String resourceId, PatchOp op, FilterParser keys) {
    if (raw == null) {
      throw ScimException.invalidValue(
          op.keyword() + " without a path needs a value: an object of the attributes to set");
    }
    if (!raw.isObject()) {
      throw ScimException.invalidValue(
          "the value of "
              + op.keyword()
              + " without a path must be a JSON object of attributes, not "
              + (raw.isArray() ? "an array" : raw.isTextual() ? "a string" : raw.toString()));
    }
    checkId(raw, resourceId);
    ObjectNode canonical = PatchValues.readPartial(type, raw);
    List<Map.Entry<ResolvedAttribute, JsonNode>> values = new ArrayList<>();
    for (ResolvedAttribute attribute : ResourceLayout.attributes(type)) {
      JsonNode value = attribute.get(canonical);
      if (!value.isMissingNode()) {
        values.add(Map.entry(attribute, value));
      }
    }
    List<PatchTarget> cleared = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : raw.properties()) {
      Optional<SchemaDefinition> container = schemaNamed(type, field.getKey());
      if (container.isEmpty()) {
        collectCleared(type, keys, field.getKey(), field.getValue(), cleared);
      } else if (field.getValue().isObject()) {
        for (Map.Entry<String, JsonNode> inner : field.getValue().properties()) {
          String key = container.get().id() + ":" + inner.getKey();
          collectCleared(type, keys, key, inner.getValue(), cleared);
        }
      }
    }
    return new PathlessValue(List.copyOf(values), List.copyOf(cleared));
  }

  /** Okta sends the resource's own id in a pathless replace; only a different one is an error. */
  private static void checkId(JsonNode raw, String resourceId) {
    for (Map.Entry<String, JsonNode> field : raw.properties()) {
      JsonNode id = field.getValue();
      if (!field.getKey().equalsIgnoreCase("id") || ResourceReader.isUnset(id)) {
        continue;
      }
      if (!id.isTextual() || !id.textValue().equals(resourceId)) {
        throw ScimException.mutability(
            "id is read-only and cannot change: this resource's id is '"
                + resourceId
                + "', not "
                + id);
      }
    }
  }

  private static void collectCleared(
      ResourceTypeDefinition type,
      FilterParser keys,
      String key,
      JsonNode value,
      List<PatchTarget> cleared) {
    Optional<PatchTarget> target = targetOf(type, keys, key);
    if (target.isEmpty() || PatchTarget.readOnly(target.get())) {
      return; // unknown and read-only attributes are ignored, as the reader ignores them
    }
    if (ResourceReader.isUnset(value)) {
      cleared.add(target.get());
      return;
    }
    if (target.get() instanceof PatchTarget.Whole(var attribute)
        && attribute.attribute().isComplex()
        && !attribute.attribute().multiValued()) {
      for (AttributeDefinition sub :
          PatchValues.clearedSubAttributes(attribute.attribute(), value)) {
        cleared.add(new PatchTarget.Sub(attribute, sub));
      }
    }
  }

  /**
   * The attribute or sub-attribute a key names; empty for anything else, as the reader ignores it.
   * A key longer than the configured limit is refused as a path of that length would be: ignoring
   * it would silently skip the clear the client asked for.
   */
  private static Optional<PatchTarget> targetOf(
      ResourceTypeDefinition type, FilterParser keys, String key) {
    PathExpression path;
    try {
      path = keys.parsePath(key);
    } catch (ScimException e) {
      if (key.length() > keys.limits().maxLength()) {
        throw new ScimException(
            e.status(), e.scimType().orElse(null), "a key of the value: " + e.detail());
      }
      return Optional.empty();
    }
    if (path.valueFilter() != null) {
      return Optional.empty();
    }
    try {
      PatchTarget target = PatchTarget.resolve(type, path);
      return target instanceof PatchTarget.Values ? Optional.empty() : Optional.of(target);
    } catch (ScimException e) {
      return Optional.empty();
    }
  }

  private static Optional<SchemaDefinition> schemaNamed(ResourceTypeDefinition type, String key) {
    if (type.coreSchema().id().equalsIgnoreCase(key)) {
      return Optional.of(type.coreSchema());
    }
    return type.extension(key);
  }
}
