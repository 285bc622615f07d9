package com.classlark.scim.api;

import static com.classlark.scim.testing.ApiClients.assertProblem;
import static com.classlark.scim.testing.ApiClients.problem;
import static com.classlark.scim.testing.ApiClients.validation;
import static com.classlark.scim.testing.Bodies.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.ApiKeyRole;
import com.classlark.scim.testing.ApiClients;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /api/v1/schools/{school}/staff} over HTTP on both engines: the Staff section, manual edits
 * under the SCIM lock (a test per field and per way of becoming managed), releases.
 */
class StaffHttpTest extends ServerPerEngine {
  private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  ScimClient support;
  ScimClient app;
  String base;

  @BeforeEach
  void keys() {
    support = ApiClients.withNewKey(server, ApiKeyRole.SUPPORT);
    app =
        ApiClients.withNewKey(server, ApiKeyRole.APP)
            .withHeader("X-ClassLark-Actor", "admin@school.example");
    base = "/api/v1/schools/" + server.school().id() + "/staff";
  }

  private static String now() {
    return server.clock().instant().truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static ObjectNode staff(
      String id, String email, String managedBy, String version, String at, String extra) {
    ObjectNode node =
        Bodies.parse(
            json(
                "{'id':'"
                    + id
                    + "','email':'"
                    + email
                    + "','givenName':'Jane','familyName':'Doe','userType':'Staff','active':true,"
                    + "'externalId':null,'subjects':null,'room':null,'meetingUrl':null,"
                    + "'managedBy':null,'createdAt':'"
                    + at
                    + "','lastModified':'"
                    + at
                    + "','version':null}"));
    node.put("version", version);
    node.put("managedBy", managedBy);
    Bodies.parse(json("{" + extra + "}"))
        .properties()
        .forEach(field -> node.set(field.getKey(), field.getValue()));
    return node;
  }

  private static void assertJson(HttpResult result, int status, JsonNode expected) {
    assertThat(result.status()).as(result.body()).isEqualTo(status);
    assertThat(result.header("Content-Type")).isEqualTo("application/json");
    assertThat(result.json()).isEqualTo(expected);
  }

  private String createByHand(String email) {
    HttpResult created =
        app.post(
            base,
            json(
                "{'email':'"
                    + email
                    + "','givenName':'Jane','familyName':'Doe','userType':'Staff'}"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private String createByScim(String email) {
    HttpResult created = client.post("/Users", Bodies.staff(email));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private static ObjectNode managed(String what, String field, String id) {
    ObjectNode body =
        problem(
            "managed-by-scim",
            "Managed by SCIM",
            409,
            "The "
                + what
                + " "
                + id
                + " is managed by the school's identity provider through SCIM, so it cannot be"
                + " changed in ClassLark; nothing was changed. Make the change in the school's"
                + " identity provider, or ask ClassLark support to release the "
                + what
                + " from SCIM.");
    body.put(field, id);
    return body;
  }

  @Test
  void aManualCreateIsServedByTheSectionAndBySCIMAsTheSameRecord() {
    String email = Bodies.uniqueEmail("create");
    String at = now();

    HttpResult created =
        app.post(
            base,
            json(
                "{'email':'"
                    + email
                    + "','givenName':'Jane','familyName':'Doe','userType':'Staff','room':'A113'}"));

    String id = created.json().path("id").asText();
    ObjectNode expected = staff(id, email, null, "W/\"1\"", at, "'room':'A113'");
    assertJson(created, 201, expected);
    assertThat(created.header("Location")).isEqualTo(base + "/" + id);
    assertThat(created.header("ETag")).isEqualTo("W/\"1\"");
    assertJson(app.get(base + "/" + id), 200, expected);
    HttpResult scim = client.get("/Users/" + id);
    assertThat(scim.status()).isEqualTo(200);
    assertThat(scim.header("ETag")).isEqualTo("W/\"1\"");
  }

  @Test
  void aMergePatchChangesTheRecordAndHonoursIfMatch() {
    String email = Bodies.uniqueEmail("patch");
    String at = now();
    String id = createByHand(email);

    HttpResult stale =
        app.send(
            "PATCH",
            base + "/" + id,
            json("{'room':'B2'}"),
            java.util.Map.of(
                "If-Match", "W/\"9\"", "Content-Type", "application/merge-patch+json"));
    ObjectNode mismatch =
        problem(
            "version-mismatch",
            "Version mismatch",
            412,
            "The record changed since it was read: its current version is W/\"1\". Read it again,"
                + " make the change to what it is now, and send that version in If-Match; nothing"
                + " was changed.");
    mismatch.put("version", "W/\"1\"");
    assertProblem(stale, 412, mismatch);

    HttpResult patched =
        app.send(
            "PATCH",
            base + "/" + id,
            json("{'room':'B2','givenName':'Janet','active':false}"),
            java.util.Map.of(
                "If-Match", "W/\"1\"", "Content-Type", "application/merge-patch+json"));
    ObjectNode expected =
        staff(id, email, null, "W/\"2\"", at, "'room':'B2','givenName':'Janet','active':false");
    assertJson(patched, 200, expected);
  }

  @Test
  void badInputNamesEveryWrongFieldAndUnknownFieldsAreRefused() {
    String id = createByHand(Bodies.uniqueEmail("bad"));

    assertProblem(
        app.patch(
            base + "/" + id,
            json("{'email':'nope','userType':'Boss','meetingUrl':'mailto:x@y.z','nickname':'J'}")),
        400,
        validation(
            "nickname, email, userType, meetingUrl",
            "nickname",
            "is not a field that can be set here; the fields are email, givenName, familyName,"
                + " userType, active, externalId, subjects, room, meetingUrl",
            "email",
            "must be an email address, e.g. jane.doe@school.example",
            "userType",
            "must be exactly one of Staff, Event Manager, Finance Manager, Administrator"
                + " (case-sensitive)",
            "meetingUrl",
            "must be an absolute http or https URL, e.g. https://meet.school.example/a113"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'email':'changed@school.example'}",
        "{'givenName':'X'}",
        "{'familyName':'X'}",
        "{'userType':'Administrator'}",
        "{'active':false}",
        "{'externalId':'X'}",
        "{'subjects':'X'}",
        "{'room':'X'}",
        "{'meetingUrl':'https://x.example'}"
      })
  void everyFieldOfAManagedRecordIsLocked(String patch) {
    String id = createByScim(Bodies.uniqueEmail("locked"));
    JsonNode before = client.get("/Users/" + id).json();

    assertProblem(
        app.patch(base + "/" + id, json(patch)), 409, managed("staff member", "staffId", id));
    assertThat(client.get("/Users/" + id).json()).isEqualTo(before);
  }

  @Test
  void aManagedRecordCannotBeDeletedByHand() {
    String id = createByScim(Bodies.uniqueEmail("nodelete"));

    assertProblem(app.delete(base + "/" + id), 409, managed("staff member", "staffId", id));
    assertThat(client.get("/Users/" + id).status()).isEqualTo(200);
  }

  /** The ways SCIM writes a hand-made record; each must lock it. */
  private void scimWrites(String way, String id, String email) {
    HttpResult result =
        switch (way) {
          case "PUT" -> client.put("/Users/" + id, Bodies.staff(email));
          case "PATCH" ->
              client.patch(
                  "/Users/" + id,
                  json(
                      "{'schemas':['"
                          + PATCH_OP
                          + "'],'Operations':[{'op':'replace','path':'title','value':'Head'}]}"));
          case "adoption" ->
              client.post(
                  "/Users",
                  json(
                      "{'userName':'"
                          + email
                          + "','externalId':'ext-"
                          + id
                          + "','name':{'givenName':'A','familyName':'B'},'userType':'Staff'}"));
          case "Bulk" ->
              client.post(
                  "/Bulk",
                  json(
                      "{'schemas':['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],"
                          + "'Operations':[{'method':'PATCH','path':'/Users/"
                          + id
                          + "','data':{'schemas':['"
                          + PATCH_OP
                          + "'],'Operations':[{'op':'replace','path':'title','value':'B'}]}}]}"));
          default -> throw new IllegalArgumentException(way);
        };
    assertThat(result.status()).as(result.body()).isIn(200, 201);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PUT", "PATCH", "adoption", "Bulk"})
  void everyScimWriteLocksAHandMadeRecord(String way) {
    String email = Bodies.uniqueEmail("becomes");
    String id = createByHand(email);
    assertThat(app.patch(base + "/" + id, json("{'externalId':'ext-" + id + "'}")).status())
        .isEqualTo(200);

    scimWrites(way, id, email);

    assertThat(app.get(base + "/" + id).json().path("managedBy").asText()).isEqualTo("scim");
    assertProblem(
        app.patch(base + "/" + id, json("{'room':'R'}")),
        409,
        managed("staff member", "staffId", id));
  }

  @Test
  void aRecordScimCreatedIsManaged() {
    String id = createByScim(Bodies.uniqueEmail("post"));

    assertThat(app.get(base + "/" + id).json().path("managedBy").asText()).isEqualTo("scim");
  }

  @Test
  void theLockSurvivesDisablingScimAndARestartAndOnlyAReleaseLiftsIt() {
    var other = server.application().services().accounts().create("Disabled School");
    String token = server.application().services().tokens().issue(other.id(), null, null).secret();
    String school = "/api/v1/schools/" + other.id();
    base = school + "/staff";
    HttpResult created =
        ScimClient.withToken(server.baseUrl(), token)
            .post("/Users", Bodies.staff(Bodies.uniqueEmail("survives")));
    String id = created.json().path("id").asText();

    assertThat(support.post(school + "/scim/disable", null).status()).isEqualTo(200);
    assertProblem(
        app.patch(base + "/" + id, json("{'room':'R'}")),
        409,
        managed("staff member", "staffId", id));
    server = server.restarted();
    client = server.client();
    support = ApiClients.withNewKey(server, ApiKeyRole.SUPPORT);
    app = ApiClients.withNewKey(server, ApiKeyRole.APP);
    assertProblem(
        app.patch(base + "/" + id, json("{'room':'R'}")),
        409,
        managed("staff member", "staffId", id));

    assertProblem(
        app.post(base + "/" + id + "/release", null),
        403,
        problem(
            "forbidden",
            "Forbidden",
            403,
            "Only a caller with the support role may release staff from SCIM."));
    HttpResult released = support.post(base + "/" + id + "/release", null);
    assertThat(released.status()).isEqualTo(200);
    assertThat(released.json().path("managedBy").isNull()).isTrue();
    assertThat(released.json().path("version").asText()).isEqualTo("W/\"2\"");
    assertThat(app.patch(base + "/" + id, json("{'room':'R'}")).json().path("room").asText())
        .isEqualTo("R");
  }

  @Test
  void aReleasedRecordIsManagedAgainAfterTheIdentityProviderWritesIt() {
    String email = Bodies.uniqueEmail("relock");
    String id = createByScim(email);
    assertThat(support.post(base + "/" + id + "/release", null).status()).isEqualTo(200);
    assertThat(app.patch(base + "/" + id, json("{'room':'R'}")).status()).isEqualTo(200);

    scimWrites("PUT", id, email);

    HttpResult after = app.get(base + "/" + id);
    assertThat(after.json().path("managedBy").asText()).isEqualTo("scim");
    assertThat(after.json().path("room").isNull()).isTrue();
  }

  @Test
  void emailsAreUniqueWhicheverWayTheRecordWasMade() {
    String email = Bodies.uniqueEmail("dupe");
    String scimId = createByScim(email);
    String handEmail = Bodies.uniqueEmail("hand");
    createByHand(handEmail);

    ObjectNode duplicate =
        problem(
            "duplicate-email",
            "Duplicate email address",
            409,
            "Staff member "
                + scimId
                + " of this school already has this email address (compared ignoring case);"
                + " nothing was changed. Use another email address, or change that staff member"
                + " instead.");
    duplicate.put("otherStaffId", scimId);
    assertProblem(
        app.post(
            base,
            json(
                "{'email':'"
                    + email.toUpperCase(java.util.Locale.ROOT)
                    + "','givenName':'A','familyName':'B','userType':'Staff'}")),
        409,
        duplicate);

    HttpResult scim = client.post("/Users", Bodies.staff(handEmail));
    assertThat(scim.status()).isEqualTo(409);
    assertThat(scim.json())
        .isEqualTo(
            Bodies.tree(
                Bodies.error(
                    409,
                    "uniqueness",
                    "userName '"
                        + handEmail
                        + "' belongs to a staff member that was created in ClassLark, not by this"
                        + " identity provider (compared ignoring case). To take that record over,"
                        + " send its externalId, shown in ClassLark's Staff section, with this"
                        + " request: a POST with that externalId adopts it.")));
  }

  @Test
  void aManualDeleteRetiresTheRecordForBothViews() {
    String email = Bodies.uniqueEmail("leaver");
    String id = createByHand(email);

    HttpResult deleted = app.delete(base + "/" + id);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    ObjectNode notFound =
        problem(
            "not-found",
            "Not found",
            404,
            "No staff member with id "
                + id
                + " in this school. Check the id; it may have been removed.");
    notFound.put("staffId", id);
    assertProblem(app.get(base + "/" + id), 404, notFound);
    assertThat(client.get("/Users/" + id).status()).isEqualTo(404);
    assertThat(createByHand(email)).isNotEqualTo(id);
  }

  @Test
  void theSectionListsByNameSearchesByPrefixAndPagesByCursor() {
    String school = server.application().services().accounts().create("Listing School").id();
    String list = "/api/v1/schools/" + school + "/staff";
    for (String name : List.of("Quinn Zed", "Quill Adams", "Ann Quarry", "Bob Brown")) {
      String[] parts = name.split(" ");
      assertThat(
              app.post(
                      list,
                      json(
                          "{'email':'"
                              + parts[0].toLowerCase(java.util.Locale.ROOT)
                              + "@list.example','givenName':'"
                              + parts[0]
                              + "','familyName':'"
                              + parts[1]
                              + "','userType':'Staff'}"))
                  .status())
          .isEqualTo(201);
    }

    HttpResult first = app.get(list + "?q=qu&limit=2");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().path("items").findValuesAsText("email"))
        .containsExactly("quill@list.example", "ann@list.example");
    String cursor = first.json().path("nextCursor").asText();
    HttpResult second = app.get(list + "?q=qu&limit=2&cursor=" + cursor);
    assertThat(second.json().path("items").findValuesAsText("email"))
        .containsExactly("quinn@list.example");
    assertThat(second.json().path("nextCursor").isNull()).isTrue();
    assertProblem(
        app.get(list + "?active=maybe&limit=0"),
        400,
        validation(
            "active, limit",
            "active",
            "must be true or false",
            "limit",
            "must be a whole number from 1 to 500"));
  }

  @Test
  void releasingTheSchoolReleasesEveryManagedRecordAndGroup() {
    var other = server.application().services().accounts().create("Release School");
    String token = server.application().services().tokens().issue(other.id(), null, null).secret();
    ScimClient scim = ScimClient.withToken(server.baseUrl(), token);
    String member =
        scim.post("/Users", Bodies.staff(Bodies.uniqueEmail("r1"))).json().path("id").asText();
    scim.post("/Users", Bodies.staff(Bodies.uniqueEmail("r2")));
    scim.post("/Groups", json("{'displayName':'All','members':[{'value':'" + member + "'}]}"));

    HttpResult released = support.post("/api/v1/schools/" + other.id() + "/release", null);

    assertJson(released, 200, Bodies.tree(json("{'staff':2,'groups':1}")));
    assertThat(app.post("/api/v1/schools/" + other.id() + "/release", null).status())
        .isEqualTo(403);
  }
}
