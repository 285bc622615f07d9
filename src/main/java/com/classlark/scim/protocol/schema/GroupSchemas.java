package com.classlark.scim.protocol.schema;

import static com.classlark.scim.protocol.schema.Attributes.complex;
import static com.classlark.scim.protocol.schema.Attributes.reference;
import static com.classlark.scim.protocol.schema.Attributes.string;

import java.util.List;

/**
 * The schema of a ClassLark staff group (SCIM Group), RFC 7643 §4.2 with the characteristics of
 * §8.7.1. ClassLark requires a {@code displayName} that is unique within the school and supports
 * staff members only as members: groups do not nest.
 */
public final class GroupSchemas {
  private GroupSchemas() {}

  /** URN of the core Group schema, RFC 7643 §4.2. */
  public static final String CORE_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";

  /** The staff members of a group; a member is a User of the same school. */
  public static final AttributeDefinition MEMBERS =
      complex(
              "members",
              string("value")
                  .description("The id of the member, a SCIM User of the same school.")
                  .immutable()
                  .build(),
              reference("$ref", "User").description("The URI of the member.").immutable().build(),
              string("display")
                  .description("The displayName of the member, filled in by ClassLark.")
                  .readOnly()
                  .build(),
              string("type")
                  .description("The kind of member; only User, because staff groups do not nest.")
                  .canonicalValues("User")
                  .immutable()
                  .build())
          .description("The staff members of the group.")
          .multiValued()
          .build();

  /** The core Group schema with ClassLark's rules. */
  public static final SchemaDefinition CORE =
      new SchemaDefinition(
          CORE_URN,
          "Group",
          "A group of staff members in a school, used for shared booking slots.",
          List.of(
              string("displayName")
                  .description(
                      "The name of the staff group, e.g. \"Year 7 tutors\"; unique within the"
                          + " school, compared without regard to case.")
                  .required()
                  .uniqueness(Uniqueness.SERVER)
                  .build(),
              MEMBERS));
}
