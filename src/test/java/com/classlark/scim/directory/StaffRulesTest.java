package com.classlark.scim.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.error.ScimType;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.protocol.schema.UserSchemas;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StaffRulesTest {

  private static ObjectNode staff(String userName, String userType, String meetingUrl) {
    ObjectNode user = Json.object();
    user.putArray("schemas").add(UserSchemas.CORE_URN);
    user.put("userName", userName);
    user.putObject("name").put("familyName", "Doe").put("givenName", "Jane");
    user.put("userType", userType);
    if (meetingUrl != null) {
      user.putObject(UserSchemas.CLASSLARK_URN).put("meetingUrl", meetingUrl);
    }
    return user;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jane.doe@school.example",
        "JANE.DOE@SCHOOL.EXAMPLE",
        "j+parents-evening@mail.school.example",
        "o'brien@school.co.uk",
        "test.user@okta.local"
      })
  void acceptsEmailAddressesAsUserName(String userName) {
    assertThatCode(() -> StaffRules.validate(staff(userName, "Staff", null)))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jane",
        "jane@school",
        "jane doe@school.example",
        "jane@school .example",
        "jane@@school.example",
        "jane@home@school.example",
        "@school.example",
        "jane@",
        "jane@school.",
        "jane@.example",
        "jane@school..example",
        "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1"
      })
  void rejectsUserNamesThatAreNotEmailAddresses(String userName) {
    assertInvalid(
        staff(userName, "Staff", null),
        "userName must be an email address, e.g. jane.doe@school.example");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Staff", "Event Manager", "Finance Manager", "Administrator"})
  void acceptsTheFourUserTypes(String userType) {
    assertThatCode(() -> StaffRules.validate(staff("jane@school.example", userType, null)))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"staff", "STAFF", "Event manager", "EventManager", " Staff", "Teacher", "Admin"})
  void rejectsOtherUserTypesCaseSensitively(String userType) {
    assertInvalid(
        staff("jane@school.example", userType, null),
        "userType must be exactly one of Staff, Event Manager, Finance Manager, Administrator"
            + " (case-sensitive)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://meet.school.example/a113",
        "http://meet.school.example",
        "HTTPS://Meet.School.Example/A113?pwd=x",
        "https://meet.school.example:8443/room/a113"
      })
  void acceptsAbsoluteWebUrlsAsMeetingUrl(String meetingUrl) {
    assertThatCode(() -> StaffRules.validate(staff("jane@school.example", "Staff", meetingUrl)))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://files.school.example/a113",
        "/rooms/a113",
        "meet.school.example/a113",
        "https://",
        "https:///a113",
        "mailto:jane@school.example",
        "https://meet school.example/a113"
      })
  void rejectsMeetingUrlsThatAreNotAbsoluteWebUrls(String meetingUrl) {
    assertInvalid(
        staff("jane@school.example", "Staff", meetingUrl),
        UserSchemas.CLASSLARK_URN
            + ":meetingUrl must be an absolute http or https URL, e.g."
            + " https://meet.school.example/a113");
  }

  static Stream<Arguments> unstorableValues() {
    String local = "a".repeat(64) + "@";
    return Stream.of(
        arguments(
            "userName",
            local + "b".repeat(251) + ".example",
            "userName must be at most 320 characters long"),
        arguments(
            "name.givenName",
            "J".repeat(513),
            "name.givenName must be at most 512 characters long"),
        arguments(
            "name.familyName",
            "D\u0000oe",
            "name.familyName must not contain the NUL character (U+0000)"),
        arguments("externalId", "e".repeat(513), "externalId must be at most 512 characters long"),
        // Lower-cased, each İ becomes i and a combining dot: 257 characters become 514.
        arguments(
            "displayName", "İ".repeat(257), "displayName must be at most 512 characters long"),
        arguments(
            "emails.value", "x".repeat(321), "emails.value must be at most 320 characters long"),
        arguments("emails.type", "t".repeat(65), "emails.type must be at most 64 characters long"));
  }

  @ParameterizedTest
  @MethodSource("unstorableValues")
  void rejectsValuesTheirColumnsCannotHold(String path, String value, String detail) {
    ObjectNode user = staff("jane@school.example", "Staff", null);
    switch (path) {
      case "userName" -> user.put("userName", value);
      case "name.givenName" -> ((ObjectNode) user.get("name")).put("givenName", value);
      case "name.familyName" -> ((ObjectNode) user.get("name")).put("familyName", value);
      case "externalId" -> user.put("externalId", value);
      case "displayName" -> user.put("displayName", value);
      case "emails.value" -> user.putArray("emails").addObject().put("value", value);
      case "emails.type" ->
          user.putArray("emails").addObject().put("value", "j@x.example").put("type", value);
      default -> throw new IllegalArgumentException(path);
    }
    assertInvalid(user, detail);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void acceptsValuesThatJustFitTheirColumns(int variant) {
    // A 320-character userName; a displayName of 512 characters, or of 256 İ (512 lower-cased).
    ObjectNode user = staff("a".repeat(64) + "@" + "b".repeat(247) + ".example", "Staff", null);
    user.put("displayName", variant == 0 ? "D".repeat(512) : "İ".repeat(256));
    assertThatCode(() -> StaffRules.validate(user)).doesNotThrowAnyException();
  }

  private static void assertInvalid(ObjectNode user, String detail) {
    assertThatThrownBy(() -> StaffRules.validate(user))
        .isInstanceOfSatisfying(
            ScimException.class,
            error -> {
              assertThat(error.status()).isEqualTo(400);
              assertThat(error.scimType()).contains(ScimType.INVALID_VALUE);
              assertThat(error.detail()).isEqualTo(detail);
            });
  }
}
