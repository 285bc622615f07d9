package com.classlark.scim.protocol.schema;

import java.util.List;
import java.util.Optional;

/**
 * The attributes every resource has (RFC 7643 §3.1): {@code id}, {@code externalId} and {@code
 * meta}. They belong to no schema and are therefore not listed in {@code /Schemas}.
 */
public final class CommonAttributes {
  private CommonAttributes() {}

  public static final AttributeDefinition ID =
      new AttributeDefinition(
          "id",
          AttributeType.STRING,
          false,
          "Unique identifier for the resource, assigned by the service provider.",
          false,
          true,
          Mutability.READ_ONLY,
          Returned.ALWAYS,
          Uniqueness.SERVER,
          List.of(),
          List.of(),
          List.of());

  public static final AttributeDefinition EXTERNAL_ID =
      new AttributeDefinition(
          "externalId",
          AttributeType.STRING,
          false,
          "Identifier of the resource as defined by the provisioning client.",
          false,
          true,
          Mutability.READ_WRITE,
          Returned.DEFAULT,
          Uniqueness.NONE,
          List.of(),
          List.of(),
          List.of());

  private static AttributeDefinition metaSub(String name, AttributeType type, String description) {
    return new AttributeDefinition(
        name,
        type,
        false,
        description,
        false,
        true,
        Mutability.READ_ONLY,
        Returned.DEFAULT,
        Uniqueness.NONE,
        List.of(),
        type == AttributeType.REFERENCE ? List.of("uri") : List.of(),
        List.of());
  }

  public static final AttributeDefinition META =
      new AttributeDefinition(
          "meta",
          AttributeType.COMPLEX,
          false,
          "Resource metadata.",
          false,
          false,
          Mutability.READ_ONLY,
          Returned.DEFAULT,
          Uniqueness.NONE,
          List.of(),
          List.of(),
          List.of(
              metaSub("resourceType", AttributeType.STRING, "Name of the resource type."),
              metaSub("created", AttributeType.DATE_TIME, "When the resource was added."),
              metaSub("lastModified", AttributeType.DATE_TIME, "When the resource last changed."),
              metaSub("location", AttributeType.REFERENCE, "URI of the resource."),
              metaSub("version", AttributeType.STRING, "Version (ETag) of the resource.")));

  public static final List<AttributeDefinition> ALL = List.of(ID, EXTERNAL_ID, META);

  /** Finds a common attribute by name, ignoring case. */
  public static Optional<AttributeDefinition> attribute(String name) {
    return ALL.stream().filter(attribute -> attribute.name().equalsIgnoreCase(name)).findFirst();
  }
}
