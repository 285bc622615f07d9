package com.classlark.scim.events;

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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The change feed over HTTP (issue 15): the events of every write path (SCIM single writes, Bulk,
 * manual edits, support's release) with every field, the cursor, the long poll and the refusals.
 * Each test uses a school of its own.
 */
class EventsHttpTest extends ServerPerEngine {
  static final String USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  /**
   * How long a test waits for events it expects: an event is readable as soon as the sequencer ran
   * after its commit; the limit only keeps a broken test from hanging.
   */
  static final java.time.Duration FEED_DELAY = java.time.Duration.ofSeconds(30);

  ScimClient app;
  ScimClient support;
  Account school;
  IssuedToken token;
  ScimClient scim;
  String cursor;

  @BeforeEach
  void newSchool() {
    app = ApiClients.withNewKey(server, ApiKeyRole.APP);
    support = ApiClients.withNewKey(server, ApiKeyRole.SUPPORT);
    school = server.application().services().accounts().create("Events School");
    token = server.application().services().tokens().issue(school.id(), "Entra ID", null);
    scim = ScimClient.withToken(server.baseUrl(), token.secret());
    cursor = null;
  }

  private String feed() {
    return "/api/v1/schools/" + school.id() + "/events";
  }

  private static Instant now() {
    return server.clock().instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * The events after the test's cursor, which moves to the answer's nextCursor; each event's id and
   * cursor checked for their shape and removed, so that the rest compares whole.
   */
  private List<JsonNode> next(int expected) {
    List<JsonNode> events = new ArrayList<>();
    long deadline = System.nanoTime() + FEED_DELAY.toNanos();
    while (events.size() < expected) {
      assertThat(System.nanoTime() - deadline)
          .as("%s events within %s, got %s", expected, FEED_DELAY, events)
          .isNegative();
      events.addAll(
          taken(app.get(feed() + "?wait=5" + (cursor == null ? "" : "&after=" + cursor))));
    }
    return events;
  }

  private List<JsonNode> taken(HttpResult result) {
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    assertThat(result.header("Content-Type")).isEqualTo("application/json");
    List<JsonNode> events = new ArrayList<>();
    String last = null;
    for (JsonNode item : result.json().path("items")) {
      ObjectNode event = (ObjectNode) item.deepCopy();
      assertThat(event.remove("id").asText()).matches("[0-9a-f-]{36}");
      last = event.remove("cursor").asText();
      assertThat(last).isNotBlank();
      events.add(event);
    }
    if (last != null) {
      assertThat(result.json().path("nextCursor").asText()).isEqualTo(last);
      cursor = last;
    }
    return events;
  }

  private ObjectNode event(String type, String resourceId, String source, ObjectNode data) {
    ObjectNode node = Bodies.parse("{}");
    node.put("type", type);
    node.put("at", now().toString());
    node.put("school", school.id());
    node.put("resourceId", resourceId);
    node.put("source", source);
    node.set("data", data);
    return node;
  }

  private static ObjectNode staff(
      String id,
      String email,
      String givenName,
      boolean active,
      String managedBy,
      int version,
      List<String> changes) {
    ObjectNode data = Bodies.parse("{}");
    ObjectNode staff = data.putObject("staff");
    staff.put("id", id);
    staff.put("email", email);
    staff.put("givenName", givenName);
    staff.put("familyName", "Doe");
    staff.put("userType", "Staff");
    staff.put("active", active);
    staff.putNull("externalId");
    staff.putNull("subjects");
    staff.putNull("room");
    staff.putNull("meetingUrl");
    staff.put("managedBy", managedBy);
    staff.put("createdAt", now().toString());
    staff.put("lastModified", now().toString());
    staff.put("version", "W/\"" + version + "\"");
    if (changes != null) {
      ArrayNode names = data.putArray("changes");
      changes.forEach(names::add);
    }
    return data;
  }

  private static ObjectNode group(
      String id, String displayName, String managedBy, int version, List<String> changes) {
    ObjectNode data = Bodies.parse("{}");
    ObjectNode group = data.putObject("group");
    group.put("id", id);
    group.put("displayName", displayName);
    group.putNull("externalId");
    group.put("managedBy", managedBy);
    group.put("createdAt", now().toString());
    group.put("lastModified", now().toString());
    group.put("version", "W/\"" + version + "\"");
    if (changes != null) {
      ArrayNode names = data.putArray("changes");
      changes.forEach(names::add);
    }
    return data;
  }

  private static ObjectNode members(String groupId, List<String> ids) {
    ObjectNode data = Bodies.parse("{}");
    data.put("groupId", groupId);
    ArrayNode memberIds = data.putArray("memberIds");
    ids.forEach(memberIds::add);
    return data;
  }

  private static String patch(String operations) {
    return Bodies.json("{'schemas':['" + PATCH_OP + "'],'Operations':[" + operations + "]}");
  }

  private String createUser(String email) {
    HttpResult created = scim.post("/Users", Bodies.staff(email));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  @Test
  void scimWritesToStaffEmitOneEventEachWithTheStaffRecord() {
    String email = Bodies.uniqueEmail("feed");
    String id = createUser(email);
    assertThat(next(1))
        .containsExactly(
            event("staff.created", id, "scim", staff(id, email, "Jane", true, "scim", 1, null)));

    assertThat(
            scim.patch(
                    "/Users/" + id,
                    patch("{'op':'replace','path':'name.givenName','value':'Janet'}"))
                .status())
        .isEqualTo(200);
    assertThat(
            scim.patch("/Users/" + id, patch("{'op':'replace','path':'active','value':false}"))
                .status())
        .isEqualTo(200);
    assertThat(
            scim.patch("/Users/" + id, patch("{'op':'replace','path':'active','value':true}"))
                .status())
        .isEqualTo(200);
    assertThat(scim.delete("/Users/" + id).status()).isEqualTo(204);

    assertThat(next(4))
        .containsExactly(
            event(
                "staff.updated",
                id,
                "scim",
                staff(id, email, "Janet", true, "scim", 2, List.of("name.givenName"))),
            event(
                "staff.deactivated",
                id,
                "scim",
                staff(id, email, "Janet", false, "scim", 3, List.of("active"))),
            event(
                "staff.reactivated",
                id,
                "scim",
                staff(id, email, "Janet", true, "scim", 4, List.of("active"))),
            event("staff.deleted", id, "scim", staff(id, email, "Janet", false, "scim", 5, null)));
  }

  @Test
  void aPutThatDeactivatesAndRenamesNamesEveryChangedAttribute() {
    String email = Bodies.uniqueEmail("put");
    String id = createUser(email);
    next(1);
    ObjectNode body = Bodies.parse(Bodies.staff(email));
    body.put("active", false);
    ((ObjectNode) body.path("name")).put("givenName", "June");
    body.put("password", "Sup3r-Secret-Pa55!");
    HttpResult replaced = scim.put("/Users/" + id, body.toString());
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);

    assertThat(next(1))
        .containsExactly(
            event(
                "staff.deactivated",
                id,
                "scim",
                staff(id, email, "June", false, "scim", 2, List.of("active", "name.givenName"))));
  }

  @Test
  void aWriteThatChangesNothingOrFailsEmitsNoEvent() {
    String email = Bodies.uniqueEmail("same");
    String id = createUser(email);
    next(1);
    assertThat(scim.put("/Users/" + id, Bodies.staff(email)).status()).isEqualTo(200);
    assertThat(scim.post("/Users", Bodies.staff(email)).status()).isEqualTo(409);
    assertThat(
            scim.patch("/Users/" + id, patch("{'op':'replace','path':'userType','value':'Nope'}"))
                .status())
        .isEqualTo(400);
    String marker = createUser(Bodies.uniqueEmail("marker"));
    assertThat(next(1))
        .extracting(event -> event.path("resourceId").asText())
        .containsExactly(marker);
  }

  @Test
  void scimWritesToGroupsEmitGroupAndMembershipEvents() {
    String first = createUser(Bodies.uniqueEmail("m1"));
    String second = createUser(Bodies.uniqueEmail("m2"));
    next(2);
    HttpResult created =
        scim.post(
            "/Groups",
            Bodies.json(
                "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'displayName':'Maths',"
                    + "'members':[{'value':'"
                    + first
                    + "'}]}"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String groupId = created.json().path("id").asText();
    assertThat(next(2))
        .containsExactly(
            event("group.created", groupId, "scim", group(groupId, "Maths", "scim", 1, null)),
            event("group.members_added", groupId, "scim", members(groupId, List.of(first))));

    assertThat(
            scim.patch(
                    "/Groups/" + groupId,
                    patch("{'op':'add','path':'members','value':[{'value':'" + second + "'}]}"))
                .status())
        .isEqualTo(204);
    assertThat(
            scim.patch(
                    "/Groups/" + groupId,
                    patch("{'op':'remove','path':'members','value':[{'value':'" + first + "'}]}"))
                .status())
        .isEqualTo(204);
    assertThat(
            scim.patch(
                    "/Groups/" + groupId,
                    patch("{'op':'replace','path':'displayName','value':'Physics'}"))
                .status())
        .isEqualTo(204);
    assertThat(scim.delete("/Groups/" + groupId).status()).isEqualTo(204);

    ObjectNode deleted = Bodies.parse("{}");
    deleted.putObject("group").put("id", groupId);
    assertThat(next(4))
        .containsExactly(
            event("group.members_added", groupId, "scim", members(groupId, List.of(second))),
            event("group.members_removed", groupId, "scim", members(groupId, List.of(first))),
            event(
                "group.updated",
                groupId,
                "scim",
                group(groupId, "Physics", "scim", 4, List.of("displayName"))),
            event("group.deleted", groupId, "scim", deleted));
  }

  @Test
  void aPutOfAGroupReportsTheFormerMemberRemovedAndTheNewOneAdded() {
    String first = createUser(Bodies.uniqueEmail("p1"));
    String second = createUser(Bodies.uniqueEmail("p2"));
    HttpResult created =
        scim.post(
            "/Groups", Bodies.json("{'displayName':'Art','members':[{'value':'" + first + "'}]}"));
    String groupId = created.json().path("id").asText();
    next(4);
    HttpResult replaced =
        scim.put(
            "/Groups/" + groupId,
            Bodies.json("{'displayName':'Art','members':[{'value':'" + second + "'}]}"));
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);

    assertThat(next(2))
        .containsExactly(
            event("group.members_removed", groupId, "scim", members(groupId, List.of(first))),
            event("group.members_added", groupId, "scim", members(groupId, List.of(second))));
  }

  @Test
  void bulkOperationsEmitTheEventsOfTheirSingleWrites() {
    String email = Bodies.uniqueEmail("bulk");
    HttpResult bulk =
        scim.post(
            "/Bulk",
            Bodies.json(
                "{'schemas':['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],'Operations':["
                    + "{'method':'POST','path':'/Users','bulkId':'u1','data':"
                    + Bodies.staff(email)
                    + "},{'method':'PATCH','path':'/Users/bulkId:u1','data':"
                    + patch("{'op':'replace','path':'active','value':false}")
                    + "}]}"));
    assertThat(bulk.status()).as(bulk.body()).isEqualTo(200);
    String id =
        bulk.json().path("Operations").get(0).path("location").asText().replaceAll(".*/", "");

    assertThat(next(2))
        .containsExactly(
            event("staff.created", id, "scim", staff(id, email, "Jane", true, "scim", 1, null)),
            event(
                "staff.deactivated",
                id,
                "scim",
                staff(id, email, "Jane", false, "scim", 2, List.of("active"))));
  }

  @Test
  void manualEditsAreEventsOfSourceManual() {
    String base = "/api/v1/schools/" + school.id() + "/staff";
    String email = Bodies.uniqueEmail("hand");
    HttpResult created =
        app.post(
            base,
            Bodies.json(
                "{'email':'"
                    + email
                    + "','givenName':'Jane','familyName':'Doe','userType':'Staff'}"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").asText();
    HttpResult edited = app.patch(base + "/" + id, Bodies.json("{'givenName':'Jo'}"));
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    assertThat(app.delete(base + "/" + id).status()).isEqualTo(204);

    assertThat(next(3))
        .containsExactly(
            event("staff.created", id, "manual", staff(id, email, "Jane", true, null, 1, null)),
            event(
                "staff.updated",
                id,
                "manual",
                staff(id, email, "Jo", true, null, 2, List.of("name.givenName"))),
            event("staff.deleted", id, "manual", staff(id, email, "Jo", false, null, 3, null)));
  }

  @Test
  void supportsReleaseIsAnEventOfSourceSupportPerRecord() {
    String email = Bodies.uniqueEmail("rel");
    String id = createUser(email);
    HttpResult created = scim.post("/Groups", Bodies.json("{'displayName':'Choir'}"));
    String groupId = created.json().path("id").asText();
    next(2);

    HttpResult released =
        support.post("/api/v1/schools/" + school.id() + "/staff/" + id + "/release", null);
    assertThat(released.status()).as(released.body()).isEqualTo(200);
    assertThat(next(1))
        .containsExactly(
            event("staff.released", id, "support", staff(id, email, "Jane", true, null, 2, null)));

    createUser(Bodies.uniqueEmail("rel2"));
    List<JsonNode> created2 = next(1);
    String second = created2.get(0).path("resourceId").asText();
    HttpResult all = support.post("/api/v1/schools/" + school.id() + "/release", null);
    assertThat(all.status()).as(all.body()).isEqualTo(200);
    List<JsonNode> events = next(2);
    assertThat(events)
        .extracting(event -> event.path("type").asText() + " " + event.path("resourceId").asText())
        .containsExactlyInAnyOrder("staff.released " + second, "group.released " + groupId);
    assertThat(events)
        .allSatisfy(event -> assertThat(event.path("source").asText()).isEqualTo("support"));
  }

  @Test
  void theFeedOfEverySchoolHoldsThisSchoolsEventsAndOneSchoolsFeedNoOtherSchools() {
    String id = createUser(Bodies.uniqueEmail("all"));
    ScimClient other = server.clientForNewSchool("Other Events School");
    HttpResult otherCreated = other.post("/Users", Bodies.staff(Bodies.uniqueEmail("other")));
    String otherId = otherCreated.json().path("id").asText();

    assertThat(next(1)).extracting(event -> event.path("resourceId").asText()).containsExactly(id);

    List<String> everywhere = new ArrayList<>();
    String after = null;
    long deadline = System.nanoTime() + FEED_DELAY.toNanos();
    while (!everywhere.containsAll(List.of(id, otherId))) {
      assertThat(System.nanoTime() - deadline).as("both events in time").isNegative();
      HttpResult page =
          app.get("/api/v1/events?limit=1000&wait=5" + (after == null ? "" : "&after=" + after));
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      page.json().path("items").forEach(item -> everywhere.add(item.path("resourceId").asText()));
      if (!page.json().path("nextCursor").isNull()) {
        after = page.json().path("nextCursor").asText();
      }
    }
  }

  @Test
  void aLimitedPageEndsWhereTheNextBegins() {
    String first = createUser(Bodies.uniqueEmail("l1"));
    String second = createUser(Bodies.uniqueEmail("l2"));
    assertThat(taken(app.get(feed() + "?limit=1&wait=5")))
        .extracting(event -> event.path("resourceId").asText())
        .containsExactly(first);
    assertThat(taken(app.get(feed() + "?limit=1&wait=5&after=" + cursor)))
        .extracting(event -> event.path("resourceId").asText())
        .containsExactly(second);
    HttpResult empty = app.get(feed() + "?after=" + cursor);
    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.json().path("items").isEmpty()).isTrue();
    assertThat(empty.json().path("nextCursor").asText()).isEqualTo(cursor);
  }

  @Test
  void aWaitingReadAnswersWithTheEventWrittenWhileItWaits() {
    createUser(Bodies.uniqueEmail("before"));
    next(1);
    String after = cursor;
    CompletableFuture<HttpResult> waiting =
        CompletableFuture.supplyAsync(() -> app.get(feed() + "?wait=30&after=" + after));
    String id = createUser(Bodies.uniqueEmail("during"));

    assertThat(taken(waiting.join()))
        .extracting(event -> event.path("resourceId").asText())
        .containsExactly(id);
  }

  @Test
  void aWaitThatSeesNoEventAnswersAnEmptyPageAtTheSameCursor() {
    createUser(Bodies.uniqueEmail("quiet"));
    next(1);
    HttpResult result = app.get(feed() + "?wait=1&after=" + cursor);
    assertThat(result.status()).isEqualTo(200);
    ObjectNode expected = Bodies.parse("{}");
    expected.putArray("items");
    expected.put("nextCursor", cursor);
    assertThat(result.json()).isEqualTo(expected);
  }

  @Test
  void anEmptyFeedWithoutCursorAnswersNoCursor() {
    HttpResult result = app.get(feed());
    assertThat(result.status()).isEqualTo(200);
    assertThat(result.json())
        .isEqualTo(Bodies.parse(Bodies.json("{'items':[],'nextCursor':null}")));
  }

  @Test
  void badParametersAreValidationProblems() {
    assertProblem(
        app.get(feed() + "?limit=0"),
        400,
        validation("limit", "limit", "must be a whole number between 1 and 1000."));
    assertProblem(
        app.get(feed() + "?limit=many"),
        400,
        validation("limit", "limit", "must be a whole number between 1 and 1000."));
    assertProblem(
        app.get(feed() + "?wait=31"),
        400,
        validation("wait", "wait", "must be a whole number of seconds between 0 and 30."));
    assertProblem(
        app.get(feed() + "?wait=-1"),
        400,
        validation("wait", "wait", "must be a whole number of seconds between 0 and 30."));
    assertProblem(
        app.get(feed() + "?wait=soon"),
        400,
        validation("wait", "wait", "must be a whole number of seconds between 0 and 30."));
    assertProblem(
        app.get(feed() + "?after=not-a-cursor"),
        400,
        validation(
            "after",
            "after",
            "is not a cursor of this feed; use the nextCursor (or an event's cursor) of an earlier"
                + " answer, or no after to start with the oldest event kept."));
  }

  @Test
  void aCursorOfTheFeedsEarlierFormatIsGoneWithAProblemThatSaysToResynchronise() {
    String earlier =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "4711:019ad5a1-4c3e-7000-9a6f-0e4f1c2b3d4e"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertProblem(
        app.get(feed() + "?after=" + earlier),
        410,
        problem(
            "cursor-expired",
            "Cursor expired",
            410,
            "This cursor is of an earlier format of the feed, which ClassLark no longer reads, so"
                + " events after it cannot be found. Resynchronise: read the Staff list and the"
                + " groups again, then read the feed with no after, or with the nextCursor of a"
                + " read made just before."));
  }

  @Test
  void anUnknownSchoolIsNotFound() {
    assertProblem(
        app.get("/api/v1/schools/no-such-school/events"),
        404,
        problem(
                "not-found",
                "Not found",
                404,
                "No school with id no-such-school. Check the id; support can list every school.")
            .put("schoolId", "no-such-school"));
  }

  @Test
  void aCursorOlderThanTheRetentionIsGoneWithAProblemThatSaysToResynchronise() {
    createUser(Bodies.uniqueEmail("old"));
    next(1);
    String old = cursor;
    server.clock().advance(java.time.Duration.ofDays(31));
    assertThat(server.application().logRetention().purge()).isPositive();

    assertProblem(
        app.get(feed() + "?after=" + old),
        410,
        problem(
            "cursor-expired",
            "Cursor expired",
            410,
            "This cursor is older than the events ClassLark keeps (as long as the provisioning"
                + " log, 30 days unless configured otherwise) or names no event, so events after it"
                + " may be gone. Resynchronise: read the Staff list and the groups again, then read"
                + " the feed with no after, or with the nextCursor of a read made just before."));
    String id = createUser(Bodies.uniqueEmail("fresh"));
    cursor = null;
    assertThat(next(1)).extracting(event -> event.path("resourceId").asText()).containsExactly(id);
  }
}
