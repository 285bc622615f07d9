package com.classlark.scim.protocol.schema;

import java.util.List;
import java.util.Optional;

/**
 * A SCIM schema: its URN id, name, description and top-level attributes (RFC 7643 §7).
 *
 * @param id the schema URN, e.g. {@code urn:ietf:params:scim:schemas:core:2.0:User}
 */
public record SchemaDefinition(
    String id, String name, String description, List<AttributeDefinition> attributes) {

  public SchemaDefinition {
    attributes = List.copyOf(attributes);
  }

  /** Finds a top-level attribute by name, ignoring case. */
  public Optional<AttributeDefinition> attribute(String attributeName) {
    for (AttributeDefinition attribute : attributes) {
      if (attribute.name().equalsIgnoreCase(attributeName)) {
        return Optional.of(attribute);
      }
    }
    return Optional.empty();
  }
}
