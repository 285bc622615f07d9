package com.classlark.scim.log;

import static com.classlark.scim.testing.ApiClients.assertProblem;
import static com.classlark.scim.testing.ApiClients.problem;
import static com.classlark.scim.testing.ApiClients.validation;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.Account;
import com.classlark.scim.directory.ApiKeyRole;
import com.classlark.scim.directory.IssuedToken;
import com.classlark.scim.testing.ApiClients;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provisioning log over HTTP (issue 15): what SCIM requests leave in it, and how the directory
 * API shows it. Each test uses a school of its own.
 */
class ProvisioningLogHttpTest extends ServerPerEngine {
  private static final String PASSWORD = "Sup3r-Secret-Pa55!";

  ScimClient app;
  Account school;
  IssuedToken token;
  ScimClient scim;

  @BeforeEach
  void newSchool() {
    app = ApiClients.withNewKey(server, ApiKeyRole.APP);
    school = server.application().services().accounts().create("Log School");
    token = server.application().services().tokens().issue(school.id(), "Entra ID", null);
    scim =
        ScimClient.withToken(server.baseUrl(), token.secret())
            .withHeader("client-request-id", "entra-42");
  }

  private static Instant now() {
    return server.clock().instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** The log as the API shows it, once this node wrote every entry. */
  private HttpResult log(String query) {
    server.awaitLogWritten();
    return app.get("/api/v1/schools/" + school.id() + "/provisioning-log" + query);
  }

  /**
   * The items of a log page with the fields no test can know (entry id, correlation id, duration)
   * checked for their shape and removed, so that the rest compares whole.
   */
  private static ArrayNode items(HttpResult result) {
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    ArrayNode items = (ArrayNode) result.json().path("items").deepCopy();
    for (JsonNode item : items) {
      ObjectNode entry = (ObjectNode) item;
      assertThat(entry.remove("id").asText()).matches("[0-9a-f-]{36}");
      assertThat(entry.remove("correlationId").asText()).isNotBlank();
      assertThat(entry.remove("durationMs").asLong()).isNotNegative();
    }
    return items;
  }

  /** Lets a millisecond pass, so that the entries of consecutive requests sort by time. */
  private static Instant tick() {
    Instant at = now();
    server.clock().advance(Duration.ofMillis(1));
    return at;
  }

  private ObjectNode entry(
      Instant at,
      String method,
      String path,
      String operation,
      String resourceType,
      String resourceId,
      String resourceName,
      int status,
      String scimType,
      String detail,
      List<String> changes) {
    ObjectNode node = Bodies.parse("{}");
    node.put("at", at.toString());
    node.put("method", method);
    node.put("path", path);
    node.put("operation", operation);
    node.put("resourceType", resourceType);
    node.put("resourceId", resourceId);
    node.put("resourceName", resourceName);
    node.put("status", status);
    node.put("outcome", status >= 400 ? "failure" : "success");
    node.put("scimType", scimType);
    node.put("detail", detail);
    ArrayNode names = node.putArray("changes");
    changes.forEach(names::add);
    node.put("tokenId", token.token().id());
    node.put("tokenPrefix", token.token().prefix());
    node.put("clientRequestId", "entra-42");
    return node;
  }

  private HttpResult patch(String path, String operations) {
    return scim.patch(
        path,
        Bodies.json(
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + operations
                + "]}"));
  }

  private static ArrayNode array(ObjectNode... entries) {
    ArrayNode array = Bodies.parse("{}").arrayNode();
    for (ObjectNode entry : entries) {
      array.add(entry);
    }
    return array;
  }

  @Test
  void aPasswordChangeIsLoggedByNameNeverByValue() {
    String userName = Bodies.uniqueEmail("pw");
    HttpResult created = scim.post("/scim/v2/Users", Bodies.staff(userName));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").asText();
    tick();
    HttpResult changed =
        patch(
            "/scim/v2/Users/" + id,
            "{'op':'replace','path':'password','value':'" + PASSWORD + "'}");
    Instant changedAt = tick();
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    HttpResult pathless =
        patch("/scim/v2/Users/" + id, "{'op':'replace','value':{'password':'" + PASSWORD + "'}}");
    Instant pathlessAt = tick();
    assertThat(pathless.status()).as(pathless.body()).isEqualTo(200);

    assertThat(items(log("?limit=2")))
        .isEqualTo(
            array(
                entry(
                    pathlessAt,
                    "PATCH",
                    "/scim/v2/Users/" + id,
                    "update",
                    "User",
                    id,
                    userName,
                    200,
                    null,
                    null,
                    List.of("password")),
                entry(
                    changedAt,
                    "PATCH",
                    "/scim/v2/Users/" + id,
                    "update",
                    "User",
                    id,
                    userName,
                    200,
                    null,
                    null,
                    List.of("password"))));
    assertThat(everyStoredValue()).doesNotContain(PASSWORD);
    assertThat(everyValueOf("change_events")).doesNotContain(PASSWORD);
  }

  @Test
  void entraLikeSequenceLeavesOneEntryPerWriteWithAttributeNamesOnly() {
    String userName = Bodies.uniqueEmail("jane");
    HttpResult created =
        scim.post(
            "/scim/v2/Users",
            Bodies.json(
                "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'userName':'"
                    + userName
                    + "','externalId':'ext-7731','name':{'givenName':'Jane','familyName':'Doe'},"
                    + "'userType':'Staff','active':true,'password':'"
                    + PASSWORD
                    + "','title':'Head of Year "
                    + token.secret()
                    + "'}"));
    Instant createdAt = tick();
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").asText();
    String user = "/scim/v2/Users/" + id;
    assertThat(scim.get("/scim/v2/Users?filter=userName+eq+%22" + userName + "%22").status())
        .isEqualTo(200);
    assertThat(scim.get(user).status()).isEqualTo(200);
    HttpResult renamed =
        patch(
            user,
            "{'op':'Replace','path':'name.givenName','value':'Janet-Renamed'},"
                + "{'op':'Replace','path':'title','value':'Deputy Head'}");
    Instant renamedAt = tick();
    assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
    HttpResult unchanged = patch(user, "{'op':'Replace','path':'title','value':'Deputy Head'}");
    Instant unchangedAt = tick();
    assertThat(unchanged.status()).as(unchanged.body()).isEqualTo(200);
    HttpResult disabled = patch(user, "{'op':'Replace','path':'active','value':'False'}");
    Instant disabledAt = tick();
    assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
    assertThat(scim.delete(user).status()).isEqualTo(204);
    Instant deletedAt = tick();

    HttpResult log = log("");

    assertThat(items(log))
        .isEqualTo(
            array(
                entry(
                    deletedAt, "DELETE", user, "delete", "User", id, userName, 204, null, null,
                    List.of()),
                entry(
                    disabledAt,
                    "PATCH",
                    user,
                    "update",
                    "User",
                    id,
                    userName,
                    200,
                    null,
                    null,
                    List.of("active")),
                entry(
                    unchangedAt,
                    "PATCH",
                    user,
                    "update",
                    "User",
                    id,
                    userName,
                    200,
                    null,
                    null,
                    List.of()),
                entry(
                    renamedAt,
                    "PATCH",
                    user,
                    "update",
                    "User",
                    id,
                    userName,
                    200,
                    null,
                    null,
                    List.of("name.givenName", "title")),
                entry(
                    createdAt,
                    "POST",
                    "/scim/v2/Users",
                    "create",
                    "User",
                    id,
                    userName,
                    201,
                    null,
                    null,
                    List.of(
                        "active",
                        "externalId",
                        "name.familyName",
                        "name.givenName",
                        "password",
                        "title",
                        "userName",
                        "userType"))));
    assertThat(log.json().path("nextCursor").isNull()).isTrue();
    assertThat(everyStoredValue())
        .contains(userName)
        .doesNotContain("Janet-Renamed")
        .doesNotContain("Deputy Head")
        .doesNotContain("Head of Year")
        .doesNotContain("ext-7731")
        .doesNotContain(PASSWORD)
        .doesNotContain(token.secret().substring(token.token().prefix().length()));
    // The change events hold the Staff record (its email, names, externalId), never a password
    // or a token, even one pasted into an attribute.
    assertThat(everyValueOf("change_events"))
        .contains(userName)
        .doesNotContain(PASSWORD)
        .doesNotContain(token.secret().substring(token.token().prefix().length()));
  }

  /** Every value of every row of this school's log, as one text, to search for what was sent. */
  /** Every value the school's provisioning-log entries hold, as text. */
  private String everyStoredValue() {
    return everyValueOf("provisioning_log");
  }

  private String everyValueOf(String table) {
    return server
        .application()
        .services()
        .database()
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery("SELECT * FROM " + table + " WHERE account_id = ?")
                    .bind(0, school.id())
                    .mapToMap()
                    .list())
        .stream()
        .flatMap(row -> row.values().stream())
        .map(String::valueOf)
        .reduce("", (all, value) -> all + "\n" + value);
  }

  @Test
  void failedPostShowsTheErrorTheClientReceivedAndFailuresFilterThem() {
    String userName = Bodies.uniqueEmail("teacher");
    HttpResult refused =
        scim.post(
            "/Users",
            Bodies.staff(userName).replace("\"userType\":\"Staff\"", "\"userType\":\"Teacher\""));
    Instant refusedAt = tick();
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    HttpResult created = scim.post("/Users", Bodies.staff(Bodies.uniqueEmail("ok")));
    tick();
    assertThat(created.status()).isEqualTo(201);
    HttpResult missing = scim.get("/Users/no-such-id");
    Instant missingAt = tick();
    assertThat(missing.status()).isEqualTo(404);

    HttpResult failures = log("?outcome=failure");

    assertThat(items(failures))
        .isEqualTo(
            array(
                entry(
                    missingAt,
                    "GET",
                    "/Users/no-such-id",
                    "read",
                    "User",
                    "no-such-id",
                    null,
                    404,
                    null,
                    missing.json().path("detail").asText(),
                    List.of()),
                entry(
                    refusedAt,
                    "POST",
                    "/Users",
                    "create",
                    "User",
                    null,
                    userName,
                    400,
                    refused.json().path("scimType").asText(),
                    refused.json().path("detail").asText(),
                    List.of())));
    assertThat(items(log("?outcome=success"))).hasSize(1);
  }

  @Test
  void eachBulkOperationGetsItsOwnEntry() {
    String first = Bodies.uniqueEmail("bulk");
    String bad = Bodies.uniqueEmail("bulkbad");
    String body =
        Bodies.json(
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],'Operations':["
                + "{'method':'POST','path':'/Users','bulkId':'a','data':"
                + Bodies.staff(first)
                + "},{'method':'POST','path':'/Users','bulkId':'b','data':"
                + Bodies.staff(bad).replace("\"userType\":\"Staff\"", "\"userType\":\"Teacher\"")
                + "}]}");

    HttpResult bulk = scim.post("/Bulk", body);
    Instant at = tick();

    assertThat(bulk.status()).as(bulk.body()).isEqualTo(200);
    JsonNode results = bulk.json().path("Operations");
    String createdPath = results.get(0).path("location").asText();
    String id = createdPath.substring(createdPath.lastIndexOf('/') + 1);
    JsonNode error = results.get(1).path("response");
    ArrayNode items = items(log(""));
    assertThat(items)
        .containsExactlyInAnyOrder(
            entry(
                at,
                "POST",
                "/Bulk",
                "create",
                "User",
                id,
                first,
                201,
                null,
                null,
                List.of("active", "name.familyName", "name.givenName", "userName", "userType")),
            entry(
                at,
                "POST",
                "/Bulk",
                "create",
                "User",
                null,
                bad,
                400,
                error.path("scimType").asText(),
                error.path("detail").asText(),
                List.of()));
  }

  @Test
  void revokedTokenIsRecordedAgainstItsSchoolAndAnUnknownOneNowhere() {
    server.application().services().tokens().revoke(token.token().id());
    server.clock().advance(Duration.ofSeconds(1));

    HttpResult revoked = scim.get("/Users");
    Instant at = tick();
    HttpResult unknown =
        ScimClient.withToken(server.baseUrl(), "clsk_" + "x".repeat(43)).get("/Users");

    assertThat(revoked.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(items(log("")))
        .isEqualTo(
            array(
                entry(
                    at,
                    "GET",
                    "/Users",
                    "read",
                    "User",
                    null,
                    null,
                    401,
                    null,
                    revoked.json().path("detail").asText(),
                    List.of())));
  }

  @Test
  void pagesNewestFirstWithACursorAndFiltersByResource() {
    String[] ids = new String[3];
    for (int i = 0; i < 3; i++) {
      HttpResult created = scim.post("/Users", Bodies.staff(Bodies.uniqueEmail("page" + i)));
      ids[i] = created.json().path("id").asText();
      server.clock().advance(Duration.ofMillis(10));
    }

    HttpResult first = log("?limit=2");
    String cursor = first.json().path("nextCursor").asText();
    HttpResult second = log("?limit=2&cursor=" + cursor);
    HttpResult one = log("?resourceId=" + ids[1]);

    assertThat(items(first))
        .extracting(item -> item.path("resourceId").asText())
        .containsExactly(ids[2], ids[1]);
    assertThat(items(second))
        .extracting(item -> item.path("resourceId").asText())
        .containsExactly(ids[0]);
    assertThat(second.json().path("nextCursor").isNull()).isTrue();
    assertThat(items(one))
        .extracting(item -> item.path("resourceId").asText())
        .containsExactly(ids[1]);
  }

  @Test
  void summaryCountsByDayAndOutcomeWithTheMostFrequentFailures() {
    for (int i = 0; i < 3; i++) {
      scim.post(
          "/Users",
          Bodies.staff(Bodies.uniqueEmail("s" + i))
              .replace("\"userType\":\"Staff\"", "\"userType\":\"Teacher\""));
    }
    scim.get("/Users/missing");
    HttpResult refused =
        scim.post(
            "/Users",
            Bodies.staff(Bodies.uniqueEmail("s"))
                .replace("\"userType\":\"Staff\"", "\"userType\":\"Teacher\""));
    scim.post("/Users", Bodies.staff(Bodies.uniqueEmail("ok")));
    String since = now().minus(Duration.ofHours(1)).toString();
    log("");

    HttpResult summary =
        app.get("/api/v1/schools/" + school.id() + "/provisioning-log/summary?since=" + since);

    assertThat(summary.status()).as(summary.body()).isEqualTo(200);
    ObjectNode expected = Bodies.parse("{}");
    expected.put("since", since);
    expected
        .putArray("days")
        .addObject()
        .put("date", now().toString().substring(0, 10))
        .put("success", 1)
        .put("failure", 5);
    ArrayNode top = expected.putArray("topFailures");
    top.addObject()
        .put("status", 400)
        .put("scimType", "invalidValue")
        .put("detail", refused.json().path("detail").asText())
        .put("count", 4);
    top.addObject()
        .put("status", 404)
        .putNull("scimType")
        .put("detail", "No User with id missing exists in this school.")
        .put("count", 1);
    assertThat(summary.json()).isEqualTo(expected);
  }

  @Test
  void unknownSchoolIsNotFoundAndBadParametersAreValidationProblems() {
    HttpResult unknown = app.get("/api/v1/schools/no-such-school/provisioning-log");
    HttpResult badOutcome =
        app.get("/api/v1/schools/" + school.id() + "/provisioning-log?outcome=maybe");
    HttpResult badCursor =
        app.get("/api/v1/schools/" + school.id() + "/provisioning-log?cursor=nonsense");

    assertProblem(
        unknown,
        404,
        problem(
                "not-found",
                "Not found",
                404,
                "No school with id no-such-school. Check the id; support can list every school.")
            .put("schoolId", "no-such-school"));
    assertProblem(badOutcome, 400, validation("outcome", "outcome", "must be failure or success."));
    assertProblem(
        badCursor,
        400,
        validation(
            "cursor",
            "cursor",
            "is not a cursor of this log; use the nextCursor of the previous page, or no cursor"
                + " for the newest entries."));
  }
}
