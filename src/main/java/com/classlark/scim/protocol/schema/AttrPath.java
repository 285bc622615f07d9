package com.classlark.scim.protocol.schema;

import java.util.Optional;

/**
 * An attribute path as written in a filter or PATCH path (RFC 7644 §3.4.2.2 {@code attrPath}): an
 * optional schema URN, an attribute name and an optional sub-attribute name. Names keep the case
 * the client wrote; resolution against the schema is case-insensitive.
 *
 * @param schemaUrn the schema URN prefix, or {@code null} when the path is not schema-qualified
 * @param attribute the attribute name, never null
 * @param subAttribute the sub-attribute name, or {@code null} when absent
 */
public record AttrPath(String schemaUrn, String attribute, String subAttribute) {

  public AttrPath {
    if (attribute == null || attribute.isEmpty()) {
      throw new IllegalArgumentException("attribute must not be empty");
    }
  }

  public static AttrPath of(String attribute) {
    return new AttrPath(null, attribute, null);
  }

  public static AttrPath of(String attribute, String subAttribute) {
    return new AttrPath(null, attribute, subAttribute);
  }

  public Optional<String> schema() {
    return Optional.ofNullable(schemaUrn);
  }

  public Optional<String> sub() {
    return Optional.ofNullable(subAttribute);
  }

  /** The path as SCIM text, e.g. {@code name.givenName} or {@code urn:...:User:room}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    if (schemaUrn != null) {
      text.append(schemaUrn).append(':');
    }
    text.append(attribute);
    if (subAttribute != null) {
      text.append('.').append(subAttribute);
    }
    return text.toString();
  }
}
