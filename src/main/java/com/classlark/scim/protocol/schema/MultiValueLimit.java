package com.classlark.scim.protocol.schema;

import com.classlark.scim.protocol.error.ScimException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The most values one multi-valued attribute of a resource may hold ({@code emails}, {@code
 * phoneNumbers}, {@code addresses}, …), so that what one request stores, and the work and memory it
 * takes, stay bounded. A Group's {@code members} are not counted: they are bounded by the body size
 * and written as set operations on the membership table.
 *
 * <p>RFC 7643 has no discovery field for such a limit; {@link #describe} adds it to the attribute's
 * description, which {@code /Schemas} publishes (RFC 7643 §7).
 *
 * @param maxValues at least 1
 */
public record MultiValueLimit(int maxValues) {
  public static final int DEFAULT_MAX_VALUES = 100;
  public static final MultiValueLimit DEFAULT = new MultiValueLimit(DEFAULT_MAX_VALUES);

  public MultiValueLimit {
    if (maxValues < 1) {
      throw new IllegalArgumentException(
          "the most values per multi-valued attribute must be at least 1, got " + maxValues);
    }
  }

  /** True for the attributes this limit counts: every multi-valued one but a Group's members. */
  public boolean counts(AttributeDefinition attribute) {
    return attribute.multiValued() && !attribute.equals(GroupSchemas.MEMBERS);
  }

  /** The attribute's description, with the limit when it counts the attribute. */
  public String describe(AttributeDefinition attribute) {
    return counts(attribute)
        ? attribute.description() + " At most " + maxValues + " values."
        : attribute.description();
  }

  /**
   * Refuses a resource in canonical form (extension attributes under their URN) that holds more
   * values than allowed in any counted attribute.
   *
   * @throws ScimException {@code invalidValue} naming the attribute, its count and the limit
   */
  public void check(ResourceTypeDefinition type, ObjectNode canonical) {
    check(type.coreSchema().attributes(), canonical, "");
    for (SchemaDefinition extension : type.extensions()) {
      check(extension.attributes(), canonical.path(extension.id()), extension.id() + ":");
    }
  }

  private void check(List<AttributeDefinition> attributes, JsonNode values, String prefix) {
    for (AttributeDefinition attribute : attributes) {
      JsonNode value = values.path(attribute.name());
      if (counts(attribute) && value.isArray()) {
        checkCount(prefix + attribute.name(), value.size());
      }
    }
  }

  /**
   * Refuses {@code count} values for one attribute when they are more than the limit.
   *
   * @throws ScimException {@code invalidValue} naming the attribute, the count and the limit
   */
  public void checkCount(String attribute, int count) {
    if (count > maxValues) {
      throw ScimException.invalidValue(
          attribute
              + " has "
              + count
              + " values; this service accepts at most "
              + maxValues
              + " values per multi-valued attribute.");
    }
  }
}
