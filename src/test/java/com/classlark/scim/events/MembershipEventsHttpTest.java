package com.classlark.scim.events;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code group.members_added} and {@code group.members_removed} carry the memberships a change
 * really made and ended, over HTTP on both engines, for every way membership changes: SCIM PATCH,
 * PUT and Bulk, the directory API, and the deletion of a staff member. Each test uses a school of
 * its own; each event is shown as {@code type resourceId source [sorted member ids]}.
 */
class MembershipEventsHttpTest extends ServerPerEngine {
  private static final Duration FEED_DELAY = EventsHttpTest.FEED_DELAY;

  ScimClient app;
  ScimClient scim;
  String school;
  String cursor;

  @BeforeEach
  void newSchool() {
    app = ApiClients.withNewKey(server, ApiKeyRole.APP);
    school = server.application().services().accounts().create("Membership School").id();
    IssuedToken token = server.application().services().tokens().issue(school, "Okta", null);
    scim = ScimClient.withToken(server.baseUrl(), token.secret());
    cursor = null;
  }

  private String user(String prefix) {
    HttpResult created = scim.post("/Users", Bodies.staff(Bodies.uniqueEmail(prefix)));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private static String members(List<String> ids) {
    return "[" + String.join(",", ids.stream().map(id -> "{'value':'" + id + "'}").toList()) + "]";
  }

  private String group(String name, List<String> memberIds) {
    HttpResult created =
        scim.post(
            "/Groups",
            Bodies.json("{'displayName':'" + name + "','members':" + members(memberIds) + "}"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private void patch(String groupId, String operations) {
    HttpResult patched =
        scim.patch(
            "/Groups/" + groupId,
            Bodies.json(
                "{'schemas':['"
                    + EventsHttpTest.PATCH_OP
                    + "'],'Operations':["
                    + operations
                    + "]}"));
    assertThat(patched.status()).as(patched.body()).isEqualTo(204);
  }

  private void put(String groupId, String name, List<String> memberIds) {
    HttpResult replaced =
        scim.put(
            "/Groups/" + groupId,
            Bodies.json("{'displayName':'" + name + "','members':" + members(memberIds) + "}"));
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
  }

  /** The next {@code expected} events of the school after the test's cursor, each as one line. */
  private List<String> next(int expected) {
    List<JsonNode> events = nextEvents(expected);
    return events.stream().map(MembershipEventsHttpTest::line).toList();
  }

  private List<JsonNode> nextEvents(int expected) {
    List<JsonNode> events = new ArrayList<>();
    long deadline = System.nanoTime() + FEED_DELAY.toNanos();
    while (events.size() < expected) {
      assertThat(System.nanoTime() - deadline).as("events so far: %s", events).isNegative();
      HttpResult page =
          app.get(
              "/api/v1/schools/"
                  + school
                  + "/events?wait=5&limit=1000"
                  + (cursor == null ? "" : "&after=" + cursor));
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      page.json().path("items").forEach(events::add);
      if (!page.json().path("nextCursor").isNull()) {
        cursor = page.json().path("nextCursor").asText();
      }
    }
    assertThat(events).hasSize(expected);
    return events;
  }

  private static String line(JsonNode event) {
    String line =
        event.path("type").asText()
            + " "
            + event.path("resourceId").asText()
            + " "
            + event.path("source").asText();
    if (!event.path("type").asText().startsWith("group.members_")) {
      return line;
    }
    assertThat(event.path("data").path("groupId").asText())
        .isEqualTo(event.path("resourceId").asText());
    assertThat(event.path("data").properties())
        .extracting(java.util.Map.Entry::getKey)
        .containsExactly("groupId", "memberIds");
    return line + " " + sorted(event.path("data").path("memberIds"));
  }

  private static List<String> sorted(JsonNode ids) {
    return StreamSupport.stream(ids.spliterator(), false).map(JsonNode::asText).sorted().toList();
  }

  private static String line(String type, String groupId, String source, String... ids) {
    return type + " " + groupId + " " + source + " " + List.of(ids).stream().sorted().toList();
  }

  private static String added(String groupId, String... ids) {
    return line("group.members_added", groupId, "scim", ids);
  }

  private static String removed(String groupId, String... ids) {
    return line("group.members_removed", groupId, "scim", ids);
  }

  /** A change that the feed shows next, proving that the writes before it had no event. */
  private void rename(String groupId, String name) {
    patch(groupId, "{'op':'replace','path':'displayName','value':'" + name + "'}");
    assertThat(next(1)).containsExactly("group.updated " + groupId + " scim");
  }

  @Test
  void addingPresentAndNewMembersReportsOnlyTheNewOnes() {
    String present = user("a1");
    String fresh = user("a2");
    String groupId = group("Maths", List.of(present));
    next(4);

    patch(
        groupId, "{'op':'add','path':'members','value':" + members(List.of(present, fresh)) + "}");
    patch(groupId, "{'op':'add','path':'members','value':" + members(List.of(present)) + "}");

    assertThat(next(1)).containsExactly(added(groupId, fresh));
    rename(groupId, "Maths 2");
  }

  @Test
  void removingPresentAndAbsentMembersReportsOnlyThePresentOnes() {
    String present = user("r1");
    String absent = user("r2");
    String groupId = group("Physics", List.of(present));
    next(4);

    patch(
        groupId,
        "{'op':'remove','path':'members','value':" + members(List.of(present, absent)) + "}");
    patch(groupId, "{'op':'remove','path':'members[value eq \\\"" + absent + "\\\"]'}");

    assertThat(next(1)).containsExactly(removed(groupId, present));
    rename(groupId, "Physics 2");
  }

  @Test
  void aPutReportsTheFormerMembersItRemovedAndTheNewOnesItAdded() {
    String leaving = user("p1");
    String staying = user("p2");
    String joining = user("p3");
    String groupId = group("Art", List.of(leaving, staying));
    next(5);

    put(groupId, "Art", List.of(staying, joining));
    assertThat(next(2)).containsExactly(removed(groupId, leaving), added(groupId, joining));

    put(groupId, "Art", List.of(joining, staying));
    rename(groupId, "Art 2");
  }

  @Test
  void aPatchReplaceOrRemovalOfAllMembersReportsTheRealDifference() {
    String first = user("x1");
    String second = user("x2");
    String third = user("x3");
    String groupId = group("Drama", List.of(first, second));
    next(5);

    patch(
        groupId,
        "{'op':'replace','path':'members','value':" + members(List.of(second, third)) + "}");
    assertThat(next(2)).containsExactly(removed(groupId, first), added(groupId, third));

    // Removing a member and adding it back in one request changes nothing of it.
    patch(
        groupId,
        "{'op':'remove','path':'members'},{'op':'add','path':'members','value':"
            + members(List.of(second))
            + "}");
    assertThat(next(1)).containsExactly(removed(groupId, third));

    patch(groupId, "{'op':'remove','path':'members'}");
    assertThat(next(1)).containsExactly(removed(groupId, second));
    patch(groupId, "{'op':'remove','path':'members'}");
    rename(groupId, "Drama 2");
  }

  @Test
  void eachBulkOperationOnAGroupReportsItsOwnDifference() {
    String present = user("b1");
    String fresh = user("b2");
    String groupId = group("Choir", List.of(present));
    next(4);
    String patchOp = "{'schemas':['" + EventsHttpTest.PATCH_OP + "'],'Operations':[";

    HttpResult bulk =
        scim.post(
            "/Bulk",
            Bodies.json(
                "{'schemas':['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],'Operations':["
                    + "{'method':'PATCH','path':'/Groups/"
                    + groupId
                    + "','data':"
                    + patchOp
                    + "{'op':'add','path':'members','value':"
                    + members(List.of(present, fresh))
                    + "}]}},{'method':'PATCH','path':'/Groups/"
                    + groupId
                    + "','data':"
                    + patchOp
                    + "{'op':'remove','path':'members','value':"
                    + members(List.of(present))
                    + "}]}},{'method':'PUT','path':'/Groups/"
                    + groupId
                    + "','data':{'displayName':'Choir','members':"
                    + members(List.of(fresh))
                    + "}}]}"));
    assertThat(bulk.status()).as(bulk.body()).isEqualTo(200);
    assertThat(bulk.json().path("Operations"))
        .extracting(operation -> operation.path("status").asText())
        .containsExactly("204", "204", "200");

    assertThat(next(2)).containsExactly(added(groupId, fresh), removed(groupId, present));
    rename(groupId, "Choir 2");
  }

  @Test
  void manualGroupEditsReportTheRealDifferenceAsManual() {
    String present = user("m1");
    String fresh = user("m2");
    String absent = user("m3");
    String groups = "/api/v1/schools/" + school + "/groups";
    HttpResult created =
        app.post(groups, Bodies.json("{'displayName':'Tutors','members':['" + present + "']}"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String groupId = created.json().path("id").asText();
    next(5);

    HttpResult edited =
        app.patch(
            groups + "/" + groupId,
            Bodies.json(
                "{'addMembers':['"
                    + present
                    + "','"
                    + fresh
                    + "'],'removeMembers':['"
                    + absent
                    + "']}"));
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    HttpResult removal =
        app.patch(
            groups + "/" + groupId,
            Bodies.json("{'removeMembers':['" + present + "','" + absent + "']}"));
    assertThat(removal.status()).as(removal.body()).isEqualTo(200);

    assertThat(next(2))
        .containsExactly(
            line("group.members_added", groupId, "manual", fresh),
            line("group.members_removed", groupId, "manual", present));
  }

  @Test
  void deletingAStaffMemberReportsEachGroupItLeft() {
    String leaving = user("d1");
    String staying = user("d2");
    String first = group("Year 7", List.of(leaving, staying));
    String second = group("Year 8", List.of(leaving));
    String other = group("Year 9", List.of(staying));
    next(8);

    assertThat(scim.delete("/Users/" + leaving).status()).isEqualTo(204);

    List<String> events = next(3);
    assertThat(events.get(0)).isEqualTo("staff.deleted " + leaving + " scim");
    assertThat(events.subList(1, 3))
        .containsExactlyInAnyOrder(removed(first, leaving), removed(second, leaving));
    for (String groupId : List.of(first, second)) {
      HttpResult group = scim.get("/Groups/" + groupId);
      assertThat(group.json().path("meta").path("version").asText()).isEqualTo("W/\"2\"");
    }
    assertThat(scim.get("/Groups/" + other).json().path("meta").path("version").asText())
        .isEqualTo("W/\"1\"");
  }

  @Test
  void deletingAStaffMemberByHandReportsEachGroupItLeftAsManual() {
    String staff = "/api/v1/schools/" + school + "/staff";
    HttpResult created =
        app.post(
            staff,
            Bodies.json(
                "{'email':'"
                    + Bodies.uniqueEmail("hand")
                    + "','givenName':'Jo','familyName':'Doe','userType':'Staff'}"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").asText();
    HttpResult group =
        app.post(
            "/api/v1/schools/" + school + "/groups",
            Bodies.json("{'displayName':'Helpers','members':['" + id + "']}"));
    String groupId = group.json().path("id").asText();
    next(3);

    assertThat(app.delete(staff + "/" + id).status()).isEqualTo(204);

    assertThat(next(2))
        .containsExactly(
            "staff.deleted " + id + " manual",
            line("group.members_removed", groupId, "manual", id));
  }

  @Test
  void aReplacementOfALargeGroupReportsEveryFormerMemberInEventsOfAtMost500Ids() {
    var services = server.application().services();
    List<String> ids =
        IntStream.range(0, 1001)
            .mapToObj(
                i ->
                    services
                        .staff()
                        .create(school, Bodies.parse(Bodies.staff(Bodies.uniqueEmail("big" + i))))
                        .resource()
                        .id())
            .toList();
    ObjectNode body = Bodies.parse("{}");
    body.put("displayName", "Everyone");
    ArrayNode memberList = body.putArray("members");
    ids.forEach(id -> memberList.addObject().put("value", id));
    String groupId = services.groups().create(school, body).id();
    List<JsonNode> created = nextEvents(1001 + 4);
    assertMembershipEvents(created.subList(1002, 1005), "group.members_added", ids);

    put(groupId, "Everyone", List.of());
    assertMembershipEvents(nextEvents(3), "group.members_removed", ids);
    rename(groupId, "Everyone 2");
  }

  private static void assertMembershipEvents(
      List<JsonNode> events, String type, List<String> expectedIds) {
    assertThat(events).allSatisfy(event -> assertThat(event.path("type").asText()).isEqualTo(type));
    assertThat(events)
        .extracting(event -> event.path("data").path("memberIds").size())
        .containsExactly(500, 500, 1);
    Set<String> reported = new HashSet<>();
    events.forEach(event -> reported.addAll(sorted(event.path("data").path("memberIds"))));
    assertThat(reported).containsExactlyInAnyOrderElementsOf(expectedIds);
  }
}
