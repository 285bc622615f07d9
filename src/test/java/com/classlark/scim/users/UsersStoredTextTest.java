package com.classlark.scim.users;

import static com.classlark.scim.testing.Bodies.error;
import static com.classlark.scim.testing.Bodies.json;
import static com.classlark.scim.testing.Bodies.uniqueEmail;
import static com.classlark.scim.users.UserPatches.create;
import static com.classlark.scim.users.UserPatches.patch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text that cannot be stored as sent is refused with 400 wherever it is, on both engines: the NUL
 * character (PostgreSQL refuses it), a lone UTF-16 surrogate (it has no UTF-8 form and would be
 * stored as {@code ?}, so that two userNames would collide), and bidirectional control characters
 * in a userName (they make an address display as another).
 */
class UsersStoredTextTest extends ServerPerEngine {
  private static final String PLANNER =
      "urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User";
  private static final String NUL = "\\u0000";
  private static final String LONE_SURROGATE = "\\ud800";
  private static final String SURROGATE_DETAIL =
      " must not contain a lone UTF-16 surrogate (an escape such as \\ud800 without its pair): it"
          + " is not a character and cannot be stored";
  private static final String BIDI_DETAIL =
      "userName must not contain bidirectional control characters (U+202A to U+202E, U+2066 to"
          + " U+2069): they make an email address display differently from what it is";

  /** A POST body; {@code USER} becomes a fresh userName. */
  private static String staff(String fields) {
    return json(
        "{'userName':'"
            + uniqueEmail("text")
            + "','name':{'givenName':'Jane','familyName':'Doe'},'userType':'Staff'"
            + fields
            + "}");
  }

  static Stream<Arguments> refusedOnCreate() {
    return Stream.of(
        arguments(
            ",'title':'Head" + NUL + "'", "title must not contain the NUL character (U+0000)"),
        arguments(
            ",'" + PLANNER + "':{'room':'A1" + NUL + "'}",
            PLANNER + ":room must not contain the NUL character (U+0000)"),
        arguments(
            ",'phoneNumbers':[{'value':'+44" + NUL + "','type':'work'}]",
            "phoneNumbers.value must not contain the NUL character (U+0000)"),
        arguments(",'title':'" + LONE_SURROGATE + "'", "title" + SURROGATE_DETAIL),
        arguments(
            ",'" + PLANNER + "':{'subjects':'Maths " + LONE_SURROGATE + "'}",
            PLANNER + ":subjects" + SURROGATE_DETAIL));
  }

  @ParameterizedTest
  @MethodSource("refusedOnCreate")
  void unstorableTextAnywhereInANewUserIsRefused(String fields, String detail) {
    HttpResult result = client.post("/Users", staff(fields));

    assertThat(result.status()).as(result.body()).isEqualTo(400);
    assertThat(result.json()).isEqualTo(Bodies.parse(error(400, "invalidValue", detail)));
  }

  @Test
  void aUserNameWithALoneSurrogateIsRefusedInsteadOfCollidingWithAnother() {
    String first = "\\ud800x" + uniqueEmail("");
    HttpResult result =
        client.post(
            "/Users",
            json(
                "{'userName':'"
                    + first
                    + "','name':{'givenName':'Jane','familyName':'Doe'},'userType':'Staff'}"));

    assertThat(result.status()).as(result.body()).isEqualTo(400);
    assertThat(result.json())
        .isEqualTo(Bodies.parse(error(400, "invalidValue", "userName" + SURROGATE_DETAIL)));
  }

  static Stream<Arguments> bidiControls() {
    return Stream.of("202A", "202B", "202C", "202D", "202E", "2066", "2067", "2068", "2069")
        .map(code -> arguments("\\u" + code));
  }

  @ParameterizedTest
  @MethodSource("bidiControls")
  void aUserNameWithABidiControlIsRefused(String control) {
    HttpResult result =
        client.post(
            "/Users",
            json(
                "{'userName':'jane"
                    + control
                    + "elpmaxe.loohcs@school.example','name':{'givenName':'Jane','familyName':'Doe'},"
                    + "'userType':'Staff'}"));

    assertThat(result.status()).as(result.body()).isEqualTo(400);
    assertThat(result.json()).isEqualTo(Bodies.parse(error(400, "invalidValue", BIDI_DETAIL)));
  }

  @Test
  void aBidiControlOutsideTheUserNameIsKept() {
    JsonNode created = create(client, staff(",'title':'Head \\u202Bof\\u202C Science'"));

    assertThat(created.get("title").textValue()).isEqualTo("Head \u202Bof\u202C Science");
  }

  static Stream<Arguments> refusedPatches() {
    return Stream.of(
        arguments(
            "{'op':'replace','path':'title','value':'x" + NUL + "'}",
            "title must not contain the NUL character (U+0000)"),
        arguments(
            "{'op':'add','value':{'" + PLANNER + ":room':'B2" + NUL + "'}}",
            PLANNER + ":room must not contain the NUL character (U+0000)"),
        arguments(
            "{'op':'replace','path':'name.givenName','value':'" + LONE_SURROGATE + "'}",
            "name.givenName" + SURROGATE_DETAIL),
        arguments(
            "{'op':'replace','path':'userName','value':'a\\u202Eb@school.example'}", BIDI_DETAIL));
  }

  @ParameterizedTest
  @MethodSource("refusedPatches")
  void unstorableTextThroughPatchIsRefusedAndChangesNothing(String operation, String detail) {
    JsonNode created = create(client, staff(",'title':'Teacher'"));
    String location = "/Users/" + created.get("id").textValue();

    HttpResult result = client.patch(location, patch(operation));

    assertThat(result.status()).as(result.body()).isEqualTo(400);
    assertThat(result.json()).isEqualTo(Bodies.parse(error(400, "invalidValue", detail)));
    assertThat(client.get(location).json()).isEqualTo(created);
  }
}
