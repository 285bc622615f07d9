package com.classlark.scim.protocol.schema;

import static com.classlark.scim.protocol.schema.Attributes.reference;
import static com.classlark.scim.protocol.schema.Attributes.string;

import java.util.List;

/**
 * ClassLark's User extension: what the school event planner needs to book a staff member for a
 * parents' evening or another event.
 */
final class ClassLarkUserSchema {
  private ClassLarkUserSchema() {}

  static final SchemaDefinition DEFINITION =
      new SchemaDefinition(
          UserSchemas.CLASSLARK_URN,
          "SchoolEventPlannerUser",
          "What ClassLark needs to know to book a staff member for school events.",
          List.of(
              string("subjects")
                  .description(
                      "The subjects the staff member teaches, e.g. \"Mathematics, Physics\";"
                          + " ClassLark shows them to parents when they choose whom to book.")
                  .build(),
              string("room")
                  .description(
                      "The staff member's default room, e.g. \"A113\"; ClassLark uses it as the"
                          + " location of in-person bookings unless an event sets another.")
                  .build(),
              reference("meetingUrl", "external")
                  .description(
                      "The staff member's default online meeting link, an absolute http or https"
                          + " URL; ClassLark sends it to parents who book an online appointment.")
                  .caseExact(true)
                  .build()));
}
