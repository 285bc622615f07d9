package com.classlark.scim.protocol.schema;

import static com.classlark.scim.protocol.schema.Attributes.complex;
import static com.classlark.scim.protocol.schema.Attributes.reference;
import static com.classlark.scim.protocol.schema.Attributes.string;

import java.util.List;

/** The enterprise User extension, RFC 7643 §4.3 with the characteristics of §8.7.1. */
final class EnterpriseUserSchema {
  private EnterpriseUserSchema() {}

  static final SchemaDefinition DEFINITION =
      new SchemaDefinition(
          UserSchemas.ENTERPRISE_URN,
          "EnterpriseUser",
          "Organisational attributes of a staff member, kept as sent by the identity provider.",
          List.of(
              string("employeeNumber")
                  .description("The school's staff or payroll number of the staff member.")
                  .build(),
              string("costCenter").description("The name of the cost centre.").build(),
              string("organization")
                  .description("The name of the organisation, e.g. the school or trust.")
                  .build(),
              string("division").description("The name of the division.").build(),
              string("department")
                  .description("The name of the department, e.g. \"Science\".")
                  .build(),
              complex(
                      "manager",
                      string("value")
                          .description("The id of the SCIM User who manages this staff member.")
                          .build(),
                      reference("$ref", "User")
                          .description("The URI of the SCIM User who manages this staff member.")
                          .build(),
                      string("displayName")
                          .description("The displayName of the manager, filled in by ClassLark.")
                          .readOnly()
                          .build())
                  .description("The staff member's line manager.")
                  .build()));
}
