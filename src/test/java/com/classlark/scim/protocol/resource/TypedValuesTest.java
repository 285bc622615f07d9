package com.classlark.scim.protocol.resource;

import static com.classlark.scim.protocol.resource.JsonTexts.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.classlark.scim.protocol.error.ScimType;
import com.classlark.scim.protocol.schema.Attributes;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.classlark.scim.protocol.schema.SchemaDefinition;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The data types ClassLark's own schemas do not use (integer, decimal, dateTime), read through a
 * test resource type so that the reader's handling of RFC 7643 §2.3 is covered all the same.
 */
class TypedValuesTest {

  static final String URN = "urn:classlark:test:2.0:Sample";

  static final ResourceTypeDefinition SAMPLE =
      new ResourceTypeDefinition(
          "Sample",
          "/Samples",
          "A resource with one attribute of each data type.",
          new SchemaDefinition(
              URN,
              "Sample",
              "Sample",
              List.of(
                  Attributes.integer("seats").description("Seats in the room.").build(),
                  Attributes.decimal("fee").description("Fee in pounds.").build(),
                  Attributes.dateTime("startsAt").description("When the event starts.").build())),
          List.of());

  static Stream<Arguments> accepted() {
    return Stream.of(
        arguments("{'seats':30}", "{'seats':30}"),
        arguments("{'seats':'30'}", "{'seats':30}"),
        arguments("{'seats':' -2 '}", "{'seats':-2}"),
        arguments("{'seats':30.0}", "{'seats':30}"),
        arguments(
            "{'seats':'123456789012345678901234567890'}",
            "{'seats':123456789012345678901234567890}"),
        arguments("{'fee':12.50}", "{'fee':12.50}"),
        arguments("{'fee':'12.50'}", "{'fee':12.50}"),
        arguments("{'startsAt':'2025-09-01T08:30:00Z'}", "{'startsAt':'2025-09-01T08:30:00Z'}"),
        arguments(
            "{'startsAt':'2025-09-01T08:30:00.123+01:00'}",
            "{'startsAt':'2025-09-01T08:30:00.123+01:00'}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void readsTypedValues(String body, String values) {
    var expected = (com.fasterxml.jackson.databind.node.ObjectNode) json(values);
    expected.set("schemas", json("['" + URN + "']"));
    assertThat(ResourceReader.read(SAMPLE, json(body))).isEqualTo(expected);
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        arguments("{'seats':'thirty'}", ScimType.INVALID_VALUE, "seats must be an integer"),
        arguments("{'seats':'1.5'}", ScimType.INVALID_VALUE, "seats must be an integer"),
        arguments("{'seats':1.5}", ScimType.INVALID_VALUE, "seats must be an integer"),
        arguments(
            "{'seats':true}", ScimType.INVALID_SYNTAX, "seats must be an integer, not a boolean"),
        arguments("{'fee':'£12'}", ScimType.INVALID_VALUE, "fee must be a decimal number"),
        arguments(
            "{'fee':{'amount':12}}",
            ScimType.INVALID_SYNTAX,
            "fee must be a decimal number, not an object"),
        arguments(
            "{'startsAt':'2025-09-01'}",
            ScimType.INVALID_VALUE,
            "startsAt must be a dateTime with a time-zone offset (ISO 8601), e.g."
                + " 2025-09-01T08:30:00Z"),
        arguments(
            "{'startsAt':'2025-09-01T08:30:00'}",
            ScimType.INVALID_VALUE,
            "startsAt must be a dateTime with a time-zone offset (ISO 8601), e.g."
                + " 2025-09-01T08:30:00Z"),
        arguments(
            "{'startsAt':1756715400}",
            ScimType.INVALID_SYNTAX,
            "startsAt must be a dateTime string, not a number"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void rejectsValuesThatAreNotOfTheType(String body, ScimType scimType, String detail) {
    ResourceReaderTest.assertRejected(SAMPLE, body, scimType, detail);
  }
}
