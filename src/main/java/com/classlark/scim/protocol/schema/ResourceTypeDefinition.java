package com.classlark.scim.protocol.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A SCIM resource type (RFC 7643 §6): its core schema, its schema extensions and the common
 * attributes every resource has. Resolves attribute paths case-insensitively.
 *
 * @param extensions schema extensions, each stored under its URN in the resource JSON
 */
public record ResourceTypeDefinition(
    String name,
    String endpoint,
    String description,
    SchemaDefinition coreSchema,
    List<SchemaDefinition> extensions) {

  public ResourceTypeDefinition {
    extensions = List.copyOf(extensions);
  }

  /** The core schema URN followed by the extension URNs. */
  public List<String> schemaUrns() {
    List<String> urns = new ArrayList<>();
    urns.add(coreSchema.id());
    extensions.forEach(extension -> urns.add(extension.id()));
    return List.copyOf(urns);
  }

  /** Finds an extension schema by its URN, ignoring case. */
  public Optional<SchemaDefinition> extension(String urn) {
    return extensions.stream().filter(schema -> schema.id().equalsIgnoreCase(urn)).findFirst();
  }

  /**
   * Resolves a path such as {@code userName}, {@code name.givenName}, {@code meta.lastModified} or
   * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value}. Empty when
   * the path names no attribute of this resource type.
   */
  public Optional<ResolvedAttribute> resolve(AttrPath path) {
    if (path.schemaUrn() != null) {
      if (path.schemaUrn().equalsIgnoreCase(coreSchema.id())) {
        return resolveIn(coreSchema, false, path);
      }
      return extension(path.schemaUrn()).flatMap(schema -> resolveIn(schema, true, path));
    }
    Optional<AttributeDefinition> common = CommonAttributes.attribute(path.attribute());
    if (common.isPresent()) {
      return withSub(null, false, common.get(), path);
    }
    Optional<ResolvedAttribute> core = resolveIn(coreSchema, false, path);
    if (core.isPresent()) {
      return core;
    }
    // Lenient: clients sometimes leave an extension attribute unqualified (employeeNumber).
    for (SchemaDefinition extension : extensions) {
      Optional<ResolvedAttribute> found = resolveIn(extension, true, path);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<ResolvedAttribute> resolveIn(
      SchemaDefinition schema, boolean extension, AttrPath path) {
    return schema
        .attribute(path.attribute())
        .flatMap(attribute -> withSub(schema, extension, attribute, path));
  }

  private static Optional<ResolvedAttribute> withSub(
      SchemaDefinition schema, boolean extension, AttributeDefinition attribute, AttrPath path) {
    if (path.subAttribute() == null) {
      return Optional.of(new ResolvedAttribute(schema, extension, attribute, null));
    }
    return attribute
        .subAttribute(path.subAttribute())
        .map(sub -> new ResolvedAttribute(schema, extension, attribute, sub));
  }
}
