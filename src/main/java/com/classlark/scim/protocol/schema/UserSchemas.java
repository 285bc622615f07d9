package com.classlark.scim.protocol.schema;

/**
 * The schemas of a ClassLark staff member (SCIM User): the core User schema (RFC 7643 §4.1), the
 * enterprise User extension (RFC 7643 §4.3) and ClassLark's own extension for what the event
 * planner needs to know about a member of staff.
 */
public final class UserSchemas {
  private UserSchemas() {}

  /** URN of the core User schema, RFC 7643 §4.1. */
  public static final String CORE_URN = "urn:ietf:params:scim:schemas:core:2.0:User";

  /** URN of the enterprise User extension, RFC 7643 §4.3. */
  public static final String ENTERPRISE_URN =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  /** URN of ClassLark's User extension (subjects, room, meeting URL). */
  public static final String CLASSLARK_URN =
      "urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User";

  /** The core User schema with ClassLark's rules (RFC 7643 §4.1, §8.7.1). */
  public static final SchemaDefinition CORE = CoreUserSchema.DEFINITION;

  /** The enterprise User extension (RFC 7643 §4.3, §8.7.1). */
  public static final SchemaDefinition ENTERPRISE = EnterpriseUserSchema.DEFINITION;

  /** ClassLark's User extension. */
  public static final SchemaDefinition CLASSLARK = ClassLarkUserSchema.DEFINITION;
}
