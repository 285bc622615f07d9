package com.classlark.scim.users;

import static com.classlark.scim.testing.Bodies.json;
import static com.classlark.scim.testing.Bodies.uniqueEmail;
import static com.classlark.scim.users.UserPatches.assertPatched;
import static com.classlark.scim.users.UserPatches.create;
import static com.classlark.scim.users.UserPatches.fill;
import static com.classlark.scim.users.UserPatches.patch;
import static com.classlark.scim.users.UserPatches.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PATCH /Users and DESIGN.md's lifecycle rules, through real HTTP on both databases: adoption of
 * hand-made staff by their first SCIM write, userNames freed by DELETE, and the response's shape
 * (location under the {@code /scim/v2} alias, {@code attributes}).
 */
class UsersPatchLifecycleTest extends ServerPerEngine {

  private static StoredResource createByHand(String userName) {
    return server
        .application()
        .services()
        .staff()
        .createByHand(
            server.school().id(),
            Bodies.parse(
                json(
                    "{'userName':'"
                        + userName
                        + "','name':{'givenName':'Hand','familyName':'Made'},'userType':'Staff','title':'Caretaker'}")));
  }

  private static StoredResource stored(String id) {
    return server.application().services().staff().get(server.school().id(), id);
  }

  @Test
  void patchOfAHandMadeRecordMakesItScimManaged() {
    String userName = uniqueEmail("handmade");
    StoredResource handMade = createByHand(userName);
    JsonNode before = client.get("/Users/" + handMade.id()).json();

    HttpResult patched =
        client.patch(
            "/Users/" + handMade.id(),
            patch("{'op':'replace','path':'title','value':'Site Manager'}"));

    assertPatched(
        client,
        before,
        patched,
        json(
            "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'userName':'"
                + userName
                + "','name':{'givenName':'Hand','familyName':'Made'},'userType':'Staff',"
                + "'title':'Site Manager','active':true}"),
        2);
    assertThat(stored(handMade.id()).scimManaged()).isTrue();
  }

  @Test
  void patchThatChangesNothingStillAdoptsAHandMadeRecord() {
    StoredResource handMade = createByHand(uniqueEmail("handmade.same"));
    JsonNode before = client.get("/Users/" + handMade.id()).json();

    HttpResult patched =
        client.patch(
            "/Users/" + handMade.id(),
            patch("{'op':'replace','path':'title','value':'Caretaker'}"));

    assertPatched(client, before, patched, Bodies.withoutMeta(before).toString(), 2);
    assertThat(stored(handMade.id()).scimManaged()).isTrue();
  }

  @Test
  void patchMayTakeTheUserNameOfADeletedUser() {
    String freed = uniqueEmail("freed");
    String deletedId = create(client, Bodies.staff(freed)).path("id").asText();
    assertThat(client.delete("/Users/" + deletedId).status()).isEqualTo(204);
    Map<String, String> values = Map.of("user", uniqueEmail("taker"));
    JsonNode created = create(client, fill(user(""), values));

    HttpResult patched =
        client.patch(
            "/Users/" + created.path("id").asText(),
            patch("{'op':'Replace','path':'userName','value':'" + freed + "'}"));

    assertPatched(client, created, patched, fill(user(""), Map.of("user", freed)), 2);
    assertThat(client.get("/Users/" + deletedId).status()).isEqualTo(404);
  }

  @Test
  void patchMayChangeTheCaseOfTheUsersOwnUserName() {
    Map<String, String> values = Map.of("user", uniqueEmail("case"));
    JsonNode created = create(client, fill(user(""), values));
    String upper = values.get("user").toUpperCase();

    HttpResult patched =
        client.patch(
            "/Users/" + created.path("id").asText(),
            patch("{'op':'replace','value':{'userName':'" + upper + "'}}"));

    assertPatched(client, created, patched, fill(user(""), Map.of("user", upper)), 2);
  }

  @Test
  void patchUnderScimV2AnswersWithTheScimV2Location() {
    String id = create(client, Bodies.staff(uniqueEmail("v2"))).path("id").asText();

    HttpResult patched =
        client.patch(
            "/scim/v2/Users/" + id, patch("{'op':'replace','path':'title','value':'Teacher'}"));

    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    assertThat(patched.json().path("meta").path("location").asText())
        .isEqualTo(server.baseUrl() + "/scim/v2/Users/" + id);
    assertThat(patched.json().path("title").asText()).isEqualTo("Teacher");
    assertThat(patched.header("ETag")).isEqualTo("W/\"2\"");
  }

  @Test
  void patchResponseFollowsTheAttributesParameter() {
    Map<String, String> values = Map.of("user", uniqueEmail("projected"));
    String id = create(client, fill(user("'title':'Teacher'"), values)).path("id").asText();

    HttpResult patched =
        client.patch(
            "/Users/" + id + "?attributes=title,name.givenName",
            patch("{'op':'replace','path':'title','value':'Head of Year'}"));

    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    assertThat(patched.json())
        .isEqualTo(
            Bodies.parse(
                json(
                    "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'id':'"
                        + id
                        + "','name':{'givenName':'Jane'},'title':'Head of Year'}")));
    assertThat(patched.header("ETag")).isEqualTo("W/\"2\"");
    assertThat(client.get("/Users/" + id).json().path("title").asText()).isEqualTo("Head of Year");
  }

  /**
   * RFC 7644 §3.5.2.2 leaves a removed attribute unassigned, and the default of {@code active} is
   * true: a remove must not reactivate a deactivated staff member, so it is refused, whatever form
   * it takes.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'op':'remove','path':'active'}",
        "{'op':'Remove','path':'urn:ietf:params:scim:schemas:core:2.0:User:active'}",
        "{'op':'replace','path':'active','value':null}",
        "{'op':'replace','value':{'active':null}}"
      })
  void removingActiveIsRefusedAndNeverReactivates(String operation) {
    JsonNode created =
        create(
            client,
            json(user("").replace("{user}", uniqueEmail("leaver")).replace("true", "false")));
    String location = "/Users/" + created.get("id").textValue();

    HttpResult result = client.patch(location, patch(operation));

    assertThat(result.status()).as(result.body()).isEqualTo(400);
    assertThat(result.json())
        .isEqualTo(
            Bodies.parse(
                Bodies.error(
                    400,
                    "mutability",
                    "active cannot be removed or cleared: to deactivate the staff member replace it"
                        + " with false, to reactivate them with true.")));
    JsonNode read = client.get(location).json();
    assertThat(read).isEqualTo(created);
    assertThat(read.get("active").booleanValue()).isFalse();
  }
}
