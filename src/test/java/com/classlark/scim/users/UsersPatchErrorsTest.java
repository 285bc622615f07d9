package com.classlark.scim.users;

import static com.classlark.scim.testing.Bodies.error;
import static com.classlark.scim.testing.Bodies.uniqueEmail;
import static com.classlark.scim.users.UserPatches.PATCH_OP;
import static com.classlark.scim.users.UserPatches.PLANNER;
import static com.classlark.scim.users.UserPatches.assertPatched;
import static com.classlark.scim.users.UserPatches.create;
import static com.classlark.scim.users.UserPatches.emailRows;
import static com.classlark.scim.users.UserPatches.fill;
import static com.classlark.scim.users.UserPatches.patch;
import static com.classlark.scim.users.UserPatches.row;
import static com.classlark.scim.users.UserPatches.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import com.classlark.scim.users.UserPatches.StaffRow;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PATCH /Users requests that must fail, through real HTTP on both databases: each with its status,
 * scimType and exact detail (RFC 7644 §3.5.2, §3.12), and each leaving the user as it was, in the
 * response of a GET and in the {@code staff} table. A PATCH is atomic: when a later operation
 * fails, the earlier ones are not applied either.
 */
class UsersPatchErrorsTest extends ServerPerEngine {

  private static final String READ_ONLY =
      " is read-only: the service provider sets it and a client cannot change it";

  /** The user each refused request is sent to. */
  private static final String STAFF =
      user("'title':'Teacher','emails':[{'value':'{user}','type':'work','primary':true}]");

  static Stream<Arguments> refusedOperations() {
    return Stream.of(
        arguments(
            "{'op':'remove'}",
            "noTarget",
            "remove needs a path naming the attribute or values to remove"),
        arguments(
            "{'op':'Remove','path':''}",
            "noTarget",
            "remove needs a path naming the attribute or values to remove"),
        arguments(
            "{'op':'replace','path':'favouriteColour','value':'blue'}",
            "invalidPath",
            "'favouriteColour' is not an attribute of a User"),
        arguments(
            "{'op':'replace','path':'name.nickName','value':'JD'}",
            "invalidPath",
            "'nickName' is not a sub-attribute of 'name'"),
        arguments(
            "{'op':'remove','path':'emails[type eq \\'home\\']'}",
            "noTarget",
            "no value of emails matches the filter [type eq \"home\"] of the path emails[type eq \"home\"]"),
        arguments(
            "{'op':'replace','path':'phoneNumbers.value','value':'+44 1'}",
            "noTarget",
            "phoneNumbers has no values, so phoneNumbers.value selects nothing to change"),
        arguments(
            "{'op':'replace','path':'userName[value eq \\'x\\']','value':'y'}",
            "invalidFilter",
            "a value filter '[...]' needs a complex attribute but 'userName' is a string attribute"),
        arguments("{'op':'replace','path':'id','value':'other'}", "mutability", "id" + READ_ONLY),
        arguments(
            "{'op':'replace','path':'meta.created','value':'2001-01-01T00:00:00Z'}",
            "mutability",
            "meta.created" + READ_ONLY),
        arguments(
            "{'op':'add','path':'groups','value':[{'value':'g1'}]}",
            "mutability",
            "groups" + READ_ONLY),
        arguments(
            "{'op':'replace','value':{'id':'someone-else','active':false}}",
            "mutability",
            "id is read-only and cannot change: this resource's id is '{id}', not \"someone-else\""),
        arguments(
            "{'op':'remove','path':'userName'}",
            "mutability",
            "userName is required and cannot be removed"),
        arguments(
            "{'op':'Replace','path':'name.givenName','value':''}",
            "mutability",
            "name.givenName is required and cannot be removed"),
        arguments(
            "{'op':'replace','path':'active','value':'maybe'}",
            "invalidValue",
            "active must be true or false"),
        arguments(
            "{'op':'replace','path':'emails','value':'x@school.example'}",
            "invalidValue",
            "emails must contain JSON objects, not a string"),
        arguments(
            "{'op':'replace','path':'name','value':true}",
            "invalidValue",
            "name must be a JSON object, not a boolean"),
        arguments(
            "{'op':'add','path':'nickName'}",
            "invalidValue",
            "add of nickName needs a value; use remove to delete it"),
        arguments(
            "{'op':'replace','path':'userType','value':'teacher'}",
            "invalidValue",
            "userType must be exactly one of Staff, Event Manager, Finance Manager, Administrator"
                + " (case-sensitive)"),
        arguments(
            "{'op':'replace','value':{'userType':'Teacher'}}",
            "invalidValue",
            "userType must be exactly one of Staff, Event Manager, Finance Manager, Administrator"
                + " (case-sensitive)"),
        arguments(
            "{'op':'replace','path':'userName','value':'jane.doe'}",
            "invalidValue",
            "userName must be an email address, e.g. jane.doe@school.example"),
        arguments(
            "{'op':'add','path':'" + PLANNER + ":meetingUrl','value':'meet.school.example/a113'}",
            "invalidValue",
            PLANNER
                + ":meetingUrl must be an absolute http or https URL, e.g. https://meet.school.example/a113"),
        // Values the typed columns cannot hold: a 500 on PostgreSQL before StaffRules refused them.
        arguments(
            "{'op':'replace','path':'userName','value':'" + "a".repeat(312) + "@s.example'}",
            "invalidValue",
            "userName must be at most 320 characters long"),
        arguments(
            "{'op':'replace','path':'name.givenName','value':'" + "J".repeat(513) + "'}",
            "invalidValue",
            "name.givenName must be at most 512 characters long"),
        arguments(
            "{'op':'replace','path':'name.givenName','value':'Ja\\u0000ne'}",
            "invalidValue",
            "name.givenName must not contain the NUL character (U+0000)"),
        arguments(
            "{'op':'replace','value':{'externalId':'" + "e".repeat(513) + "'}}",
            "invalidValue",
            "externalId must be at most 512 characters long"),
        arguments(
            "{'op':'replace','path':'emails[type eq \\'work\\'].type','value':'"
                + "t".repeat(65)
                + "'}",
            "invalidValue",
            "emails.type must be at most 64 characters long"),
        arguments(
            "{'op':'delete','path':'title'}",
            "invalidSyntax",
            "Operations[0].op 'delete' is not a PATCH operation; expected add, replace or remove"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedOperations")
  void refusedOperationChangesNothing(String operation, String scimType, String detail) {
    assertRefused(patch(operation), 400, scimType, detail);
  }

  static Stream<Arguments> refusedMessages() {
    String remove = "{'op':'remove','path':'title'}";
    return Stream.of(
        arguments(
            "{'Operations':[" + remove + "]}",
            "a PATCH body must have \"schemas\": [\"" + PATCH_OP + "\"]"),
        arguments(
            "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'Operations':["
                + remove
                + "]}",
            "the schemas of a PATCH body must contain \""
                + PATCH_OP
                + "\" but were [\"urn:ietf:params:scim:schemas:core:2.0:User\"]"),
        arguments(
            "{'schemas':['" + PATCH_OP + "'],'Operations':[]}",
            "'Operations' must contain at least one operation"),
        arguments(
            "{'schemas':['" + PATCH_OP + "']}",
            "a PATCH body must have an 'Operations' array with at least one operation"),
        arguments(
            "{'schemas':['" + PATCH_OP + "'],'Operations':{'op':'remove','path':'title'}}",
            "'Operations' must be an array of operations"),
        arguments("['" + PATCH_OP + "']", "the request body must be a JSON object"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedMessages")
  void malformedMessageIsInvalidSyntaxAndChangesNothing(String body, String detail) {
    assertRefused(Bodies.json(body), 400, "invalidSyntax", detail);
  }

  @Test
  void emptyBodyIsInvalidSyntaxAndChangesNothing() {
    assertRefused("", 400, "invalidSyntax", "the request body is empty; expected a JSON object");
  }

  @Test
  void moreOperationsThanTheLimitAreTooManyAndChangeNothing() {
    String[] operations = new String[1001];
    Arrays.fill(operations, "{'op':'replace','path':'title','value':'Head of Year'}");

    assertRefused(
        patch(operations),
        400,
        "tooMany",
        "the PATCH request has 1001 operations; the limit is 1000 per request");
  }

  @Test
  void nonJsonContentTypeIsUnsupportedAndChangesNothing() {
    assertRefused(
        client.withHeader("Content-Type", "text/plain"),
        patch("{'op':'replace','path':'title','value':'Head of Year'}"),
        415,
        null,
        "Content-Type text/plain is not supported: send application/scim+json or application/json");
  }

  @Test
  void takingAnotherUsersUserNameIsAConflictAndChangesNothing() {
    String taken = uniqueEmail("taken");
    create(client, Bodies.staff(taken));

    assertRefused(
        patch("{'op':'replace','path':'userName','value':'" + taken.toUpperCase() + "'}"),
        409,
        "uniqueness",
        "userName '"
            + taken.toUpperCase()
            + "' is already taken by another staff member of this school (compared ignoring case).");
  }

  /**
   * Sends {@code body} to a new user, expects exactly the error, and checks that neither a GET nor
   * the database shows any change, although the clock has moved on.
   */
  private static void assertRefused(String body, int status, String scimType, String detail) {
    assertRefused(client, body, status, scimType, detail);
  }

  private static void assertRefused(
      ScimClient sender, String body, int status, String scimType, String detail) {
    JsonNode created = create(client, fill(STAFF, Map.of("user", uniqueEmail("refused"))));
    String id = created.path("id").asText();
    StaffRow before = row(server, id);
    List<String> emailsBefore = emailRows(server, id);
    server.clock().advance(Duration.ofMinutes(1));

    HttpResult result = sender.patch("/Users/" + id, body);

    assertThat(result.status()).as(result.body()).isEqualTo(status);
    assertThat(result.body()).isEqualTo(error(status, scimType, detail.replace("{id}", id)));
    assertUnchanged(created, before, emailsBefore);
  }

  private static void assertUnchanged(
      JsonNode created, StaffRow before, List<String> emailsBefore) {
    String id = created.path("id").asText();
    HttpResult read = client.get("/Users/" + id);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(created);
    assertThat(read.header("ETag")).isEqualTo(created.path("meta").path("version").asText());
    StaffRow after = row(server, id);
    assertThat(after).isEqualTo(before);
    assertThat(after.version()).isEqualTo(1);
    assertThat(after.document()).isEqualTo(Bodies.withoutMeta(created));
    assertThat(emailRows(server, id)).isEqualTo(emailsBefore);
  }

  static Stream<Arguments> failingLaterOperations() {
    return Stream.of(
        arguments(
            "a later operation with no target",
            "{'op':'remove','path':'emails[type eq \\'other\\']'}",
            400,
            "noTarget",
            "no value of emails matches the filter [type eq \"other\"] of the path emails[type eq \"other\"]"),
        arguments(
            "a later operation breaking a staff rule",
            "{'op':'replace','path':'userType','value':'teacher'}",
            400,
            "invalidValue",
            "userType must be exactly one of Staff, Event Manager, Finance Manager, Administrator"
                + " (case-sensitive)"),
        arguments(
            "a later operation taking another user's userName, refused by the database",
            "{'op':'replace','path':'userName','value':'{taken}'}",
            409,
            "uniqueness",
            "userName '{taken}' is already taken by another staff member of this school (compared"
                + " ignoring case)."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failingLaterOperations")
  void failingLaterOperationLeavesTheEarlierOnesUnapplied(
      String name, String failing, int status, String scimType, String detail) {
    String taken = create(client, Bodies.staff(uniqueEmail("owner"))).path("userName").asText();
    Map<String, String> values = Map.of("taken", taken);

    assertRefused(
        fill(
            patch(
                "{'op':'replace','path':'title','value':'Head of Year'}",
                "{'op':'add','path':'emails','value':[{'value':'jane@home.example','type':'home'}]}",
                "{'op':'replace','path':'active','value':false}",
                failing),
            values),
        status,
        scimType,
        detail.replace("{taken}", taken));
  }

  @Test
  void unknownUserIsNotFound() {
    String id = "00000000-0000-4000-8000-000000000000";

    HttpResult result =
        client.patch("/Users/" + id, patch("{'op':'replace','path':'title','value':'x'}"));

    assertThat(result.status()).isEqualTo(404);
    assertThat(result.body())
        .isEqualTo(error(404, null, "No User with id " + id + " exists in this school."));
  }

  @Test
  void anotherSchoolsUserIsNotFoundAndUnchanged() {
    JsonNode created = create(client, fill(STAFF, Map.of("user", uniqueEmail("private"))));
    String id = created.path("id").asText();
    StaffRow before = row(server, id);
    List<String> emailsBefore = emailRows(server, id);
    ScimClient otherSchool = server.clientForNewSchool("Snooping School " + id);

    HttpResult result =
        otherSchool.patch("/Users/" + id, patch("{'op':'replace','path':'active','value':false}"));

    assertThat(result.status()).isEqualTo(404);
    assertThat(result.body())
        .isEqualTo(error(404, null, "No User with id " + id + " exists in this school."));
    assertUnchanged(created, before, emailsBefore);
  }

  @Test
  void deletedUserIsNotFound() {
    String id = create(client, Bodies.staff(uniqueEmail("deleted"))).path("id").asText();
    assertThat(client.delete("/Users/" + id).status()).isEqualTo(204);

    HttpResult result =
        client.patch("/Users/" + id, patch("{'op':'replace','path':'active','value':true}"));

    assertThat(result.status()).isEqualTo(404);
    assertThat(result.body())
        .isEqualTo(error(404, null, "No User with id " + id + " exists in this school."));
  }

  @Test
  void staleIfMatchIsPreconditionFailedAndChangesNothing() {
    Map<String, String> values = Map.of("user", uniqueEmail("ifmatch"));
    JsonNode created = create(client, fill(STAFF, values));
    String id = created.path("id").asText();
    StaffRow before = row(server, id);
    List<String> emailsBefore = emailRows(server, id);
    String change = patch("{'op':'replace','path':'title','value':'Head of Year'}");

    HttpResult stale = client.send("PATCH", "/Users/" + id, change, Map.of("If-Match", "W/\"7\""));

    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.body())
        .isEqualTo(
            error(
                412,
                null,
                "The resource has changed: its current version is W/\"1\". Read it again and retry with"
                    + " that If-Match."));
    assertUnchanged(created, before, emailsBefore);

    HttpResult current =
        client.send("PATCH", "/Users/" + id, change, Map.of("If-Match", "W/\"1\""));

    assertPatched(
        client, created, current, fill(STAFF.replace("'Teacher'", "'Head of Year'"), values), 2);
    HttpResult nowStale =
        client.send("PATCH", "/Users/" + id, change, Map.of("If-Match", "W/\"1\""));
    assertThat(nowStale.status()).isEqualTo(412);
  }
}
