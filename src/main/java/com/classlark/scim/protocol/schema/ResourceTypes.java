package com.classlark.scim.protocol.schema;

import java.util.List;
import java.util.Optional;

/**
 * The resource types ClassLark serves (RFC 7643 §6): staff as {@code User} at {@code /Users} and
 * staff groups as {@code Group} at {@code /Groups}.
 */
public final class ResourceTypes {
  private ResourceTypes() {}

  /** Staff members: core User schema plus the optional enterprise and ClassLark extensions. */
  public static final ResourceTypeDefinition USER =
      new ResourceTypeDefinition(
          "User",
          "/Users",
          "Staff members of the school",
          UserSchemas.CORE,
          List.of(UserSchemas.ENTERPRISE, UserSchemas.CLASSLARK));

  /** Staff groups: core Group schema, no extensions. */
  public static final ResourceTypeDefinition GROUP =
      new ResourceTypeDefinition(
          "Group", "/Groups", "Staff groups of the school", GroupSchemas.CORE, List.of());

  public static final List<ResourceTypeDefinition> ALL = List.of(USER, GROUP);

  /** Finds a resource type by its name ({@code User}, {@code Group}), ignoring case. */
  public static Optional<ResourceTypeDefinition> byName(String name) {
    return ALL.stream().filter(type -> type.name().equalsIgnoreCase(name)).findFirst();
  }

  /** Every schema the resource types use, core schemas first; what {@code /Schemas} lists. */
  public static List<SchemaDefinition> schemas() {
    return List.of(
        UserSchemas.CORE, UserSchemas.ENTERPRISE, UserSchemas.CLASSLARK, GroupSchemas.CORE);
  }
}
