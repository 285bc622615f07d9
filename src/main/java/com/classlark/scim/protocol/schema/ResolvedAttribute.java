package com.classlark.scim.protocol.schema;

import java.util.Optional;

/**
 * An attribute path resolved against a resource type.
 *
 * @param schema the schema that defines the attribute; {@code null} for the common attributes
 *     ({@code id}, {@code externalId}, {@code meta}, {@code schemas}) of RFC 7643 §3.1
 * @param extension true when the attribute lives under its schema URN in the resource JSON
 * @param attribute the top-level attribute
 * @param subAttribute the sub-attribute, or {@code null} when the path names the whole attribute
 */
public record ResolvedAttribute(
    SchemaDefinition schema,
    boolean extension,
    AttributeDefinition attribute,
    AttributeDefinition subAttribute) {

  /** The definition the path finally names: the sub-attribute if there is one. */
  public AttributeDefinition target() {
    return subAttribute != null ? subAttribute : attribute;
  }

  public Optional<AttributeDefinition> sub() {
    return Optional.ofNullable(subAttribute);
  }

  /** The canonical path text, schema-qualified for extension attributes. */
  public String canonicalPath() {
    String base = extension ? schema.id() + ":" + attribute.name() : attribute.name();
    return subAttribute == null ? base : base + "." + subAttribute.name();
  }
}
