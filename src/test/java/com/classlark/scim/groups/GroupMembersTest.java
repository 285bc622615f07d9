package com.classlark.scim.groups;

import static com.classlark.scim.testing.Bodies.error;
import static com.classlark.scim.testing.Bodies.json;
import static com.classlark.scim.testing.Bodies.staff;
import static com.classlark.scim.testing.Bodies.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Group membership over HTTP on both databases: who may be a member, and how members change. */
class GroupMembersTest extends GroupExchanges {
  /** RFC 7643 §2.5: an empty multi-valued attribute is unassigned, and omitted like one. */
  @Test
  void removingEveryMemberLeavesNoMembersAttribute() {
    JsonNode group = createGroup(uniqueName("Emptied"), user(), user());
    String location = "/Groups/" + group.path("id").asText();

    HttpResult patched =
        client.patch(
            location + "?attributes=displayName,members",
            patch("{'op':'remove','path':'members'}"));

    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    assertThat(patched.json())
        .isEqualTo(
            Bodies.parse(
                json(
                    "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'id':'"
                        + group.path("id").asText()
                        + "','displayName':'"
                        + group.path("displayName").asText()
                        + "'}")));
    JsonNode read = client.get(location).json();
    assertThat(read.has("members")).as(read.toString()).isFalse();
    JsonNode listed =
        client
            .get(
                "/Groups?filter="
                    + URLEncoder.encode(
                        "id eq \"" + group.path("id").asText() + "\"", StandardCharsets.UTF_8))
            .json()
            .path("Resources")
            .path(0);
    assertThat(listed).isEqualTo(read);
  }

  @Test
  void membersFromAnotherSchoolAreRejectedAndNothingChanges() {
    String own = user();
    String stranger =
        server
            .clientForNewSchool("Stranger " + engine)
            .post("/Users", staff(uniqueEmail("s")))
            .json()
            .path("id")
            .asText();
    JsonNode group = createGroup(uniqueName("Atomic"));
    String id = group.path("id").asText();

    HttpResult result =
        client.patch(
            "/Groups/" + id,
            patch(
                "{'op':'add','path':'members','value':[{'value':'"
                    + own
                    + "'},{'value':'"
                    + stranger
                    + "'}]}"));

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.body())
        .isEqualTo(
            error(
                400,
                "invalidValue",
                "member " + stranger + " is not a User of this school; nothing was changed."));
    JsonNode after = client.get("/Groups/" + id).json();
    assertThat(memberIds(after)).isEmpty();
    assertThat(after.path("meta").path("version").asText()).isEqualTo("W/\"1\"");
  }

  /**
   * The members' check also finds the group: a change to no group of this school writes nothing.
   */
  @Test
  void changingTheMembersOfAGroupThatIsNotThereIs404AndWritesNothing() {
    String member = user();
    String deleted = createGroup(uniqueName("Deleted")).path("id").asText();
    assertThat(client.delete("/Groups/" + deleted).status()).isEqualTo(204);
    var other = server.clientForNewSchool("Other " + engine);
    String othersMember = other.post("/Users", staff(uniqueEmail("o"))).json().path("id").asText();
    JsonNode othersGroup =
        other
            .post(
                "/Groups",
                json(
                    "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'displayName':'"
                        + uniqueName("Theirs")
                        + "','members':[{'value':'"
                        + othersMember
                        + "'}]}"))
            .json();
    String theirs = othersGroup.path("id").asText();

    for (String id : new String[] {deleted, theirs, UUID.randomUUID().toString()}) {
      for (String operation :
          new String[] {
            "{'op':'add','path':'members','value':[{'value':'" + member + "'}]}",
            "{'op':'remove','path':'members[value eq \\\"" + othersMember + "\\\"]'}"
          }) {
        HttpResult result = client.patch("/Groups/" + id, patch(operation));
        assertThat(result.body())
            .as(operation)
            .isEqualTo(error(404, null, "No Group with id " + id + " exists in this school."));
      }
    }
    assertThat(membershipRows(member)).isZero();
    assertThat(other.get("/Groups/" + theirs).json()).isEqualTo(othersGroup);
  }

  @Test
  void createWithAnUnknownMemberCreatesNothing() {
    String name = uniqueName("Ghosts");
    String ghost = UUID.randomUUID().toString();

    HttpResult result =
        client.post(
            "/Groups",
            json("{'displayName':'" + name + "','members':[{'value':'" + ghost + "'}]}"));

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.json().path("detail").asText())
        .isEqualTo("member " + ghost + " is not a User of this school; nothing was changed.");
    String filter = URLEncoder.encode("displayName eq \"" + name + "\"", StandardCharsets.UTF_8);
    assertThat(client.get("/Groups?filter=" + filter).json().path("totalResults").asInt()).isZero();
  }

  @Test
  void nestedGroupsAreRefused() {
    JsonNode inner = createGroup(uniqueName("Inner"));
    HttpResult result =
        client.post(
            "/Groups",
            json(
                "{'displayName':'"
                    + uniqueName("Outer")
                    + "','members':[{'value':'"
                    + inner.path("id").asText()
                    + "','type':'Group'}]}"));
    assertThat(result.status()).isEqualTo(400);
    assertThat(result.json().path("scimType").asText()).isEqualTo("invalidValue");
    assertThat(result.json().path("detail").asText()).contains("nested groups are not supported");
  }

  @Test
  void membersWithoutTypeAndWithExtraKeysAreAccepted() {
    String a = user();
    String b = user();
    HttpResult created =
        client.post(
            "/Groups",
            json(
                "{'displayName':'"
                    + uniqueName("Loose")
                    + "','members':[{'value':'"
                    + a
                    + "','$ref':null},{'value':'"
                    + b
                    + "','name':'Bob','display':'ignored'}]}"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(memberIds(created.json())).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void retiringAUserEndsEveryMembershipButDeactivatingDoesNot() {
    String leaving = user();
    String resting = user();
    JsonNode first = createGroup(uniqueName("First"), leaving, resting);
    JsonNode second = createGroup(uniqueName("Second"), leaving);

    HttpResult deactivate =
        client.patch("/Users/" + resting, patch("{'op':'replace','path':'active','value':false}"));
    assertThat(deactivate.status()).isEqualTo(200);
    assertThat(client.delete("/Users/" + leaving).status()).isEqualTo(204);

    assertThat(membershipRows(leaving)).isZero();
    JsonNode firstAfter = client.get("/Groups/" + first.path("id").asText()).json();
    assertThat(memberIds(firstAfter)).containsExactly(resting);
    assertThat(firstAfter.path("meta").path("version").asText()).isEqualTo("W/\"2\"");
    assertThat(memberIds(client.get("/Groups/" + second.path("id").asText()).json())).isEmpty();
  }

  @Test
  void putReplacesTheMemberSetExactly() {
    String a = user();
    String b = user();
    String c = user();
    JsonNode group = createGroup(uniqueName("Put"), a, b);
    String id = group.path("id").asText();

    HttpResult replaced =
        client.put(
            "/Groups/" + id,
            json(
                "{'displayName':'"
                    + group.path("displayName").asText()
                    + " renamed','members':[{'value':'"
                    + b
                    + "'},{'value':'"
                    + c
                    + "'}]}"));

    assertThat(replaced.status()).isEqualTo(200);
    assertThat(memberIds(replaced.json())).containsExactlyInAnyOrder(b, c);
    assertThat(replaced.json().path("displayName").asText()).endsWith(" renamed");
    assertThat(replaced.header("ETag")).isEqualTo("W/\"2\"");
  }

  @Test
  void addingAPresentMemberChangesNothing() {
    String member = user();
    String id = createGroup(uniqueName("Idem"), member).path("id").asText();

    HttpResult again =
        client.patch(
            "/Groups/" + id,
            patch("{'op':'add','path':'members','value':[{'value':'" + member + "'}]}"));

    assertThat(again.status()).isEqualTo(204);
    assertThat(again.header("ETag")).isEqualTo("W/\"1\"");
    assertThat(memberIds(client.get("/Groups/" + id).json())).containsExactly(member);
    assertThat(membershipRows(member)).isEqualTo(1);
  }
}
