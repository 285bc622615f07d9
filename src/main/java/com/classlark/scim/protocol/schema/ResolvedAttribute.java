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

  /**
   * The canonical path: the schema's names in their case, schema-qualified for extension attributes
   * only. The one path every consumer uses as a key (the SQL allow-list, projection, errors).
   */
  public AttrPath path() {
    return new AttrPath(
        extension ? schema.id() : null,
        attribute.name(),
        subAttribute == null ? null : subAttribute.name());
  }

  /** The canonical path's text, e.g. {@code name.givenName} or {@code urn:…:User:room}. */
  public String canonicalPath() {
    return path().toString();
  }
}
