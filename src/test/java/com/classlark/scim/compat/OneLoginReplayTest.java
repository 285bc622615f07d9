package com.classlark.scim.compat;

import static com.classlark.scim.compat.Replay.ENTERPRISE;
import static com.classlark.scim.compat.Replay.encoded;
import static com.classlark.scim.compat.Replay.expect;
import static com.classlark.scim.compat.Replay.expectError;
import static com.classlark.scim.compat.Replay.expectList;
import static com.classlark.scim.compat.Replay.expectNoContent;
import static com.classlark.scim.compat.Replay.expectResource;
import static com.classlark.scim.compat.Replay.fill;
import static com.classlark.scim.compat.Replay.members;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * OneLogin's "SCIM Provisioner with SAML (SCIM v2 Enterprise)" connector, replayed over HTTP at
 * {@code /scim/v2} on both databases. OneLogin builds each user body from the admin's SCIM JSON
 * Template, substituting {@code {$user.…}} and {@code {$parameters.…}} ("Using the OneLogin SCIM
 * Custom Connector",
 * https://onelogin.service-now.com/kb?id=kb_article_view&sysparm_article=KB0013904): a substituted
 * value arrives as a JSON string, so booleans come as {@code "true"}/{@code "false"}, and a
 * parameter with no value arrives as {@code null} (including {@code "id": null} in templates that
 * list it). The template here maps {@code userType} from a OneLogin parameter and {@code userName}
 * from the email, as a school's template would; ClassLark's extension attributes come from custom
 * parameters.
 */
class OneLoginReplayTest extends ServerPerEngine {
  static ScimClient onelogin;

  @BeforeParameterizedClassInvocation
  static void prepare() {
    onelogin =
        ScimClient.withToken(server.baseUrl() + "/scim/v2", server.token())
            .withHeader("Content-Type", "application/json");
  }

  /** The filled template: string booleans, nulls for empty parameters, and "id": null. */
  private static final String TEMPLATE =
      """
      {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                  "urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User"],
       "id":null,
       "userName":"{u}",
       "name":{"familyName":"Lovelace","givenName":"Ada"},
       "title":null,
       "userType":"Finance Manager",
       "active":"{active}",
       "emails":[{"value":"{u}","type":"work","primary":"true"}],
       "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
         {"organization":"Harbour School","division":null,"department":"Finance",
          "manager":{"value":null,"displayName":" "}},
       "urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User":
         {"subjects":"Mathematics, Physics","room":"A113","meetingUrl":"https://meet.school.example/a113"}}
      """;

  @Test
  void createWithStringBooleansAndNulls() {
    String userName = Bodies.uniqueEmail("ada");
    JsonNode created =
        expectResource(
            onelogin.post("/Users", fill(TEMPLATE, "u", userName, "active", "true")), 201, "User");
    assertThat(created.path("id").asText()).isNotBlank();
    assertThat(created.path("active").isBoolean()).isTrue();
    assertThat(created.path("active").asBoolean()).isTrue();
    assertThat(created.path("emails").get(0).path("primary").asBoolean()).isTrue();
    assertThat(created.has("title")).isFalse();
    assertThat(created.path("userType").asText()).isEqualTo("Finance Manager");
    assertThat(created.path(ENTERPRISE).path("department").asText()).isEqualTo("Finance");
    assertThat(created.path(ENTERPRISE).has("division")).isFalse();
    JsonNode planner = created.path(Replay.PLANNER);
    assertThat(planner.path("subjects").asText()).isEqualTo("Mathematics, Physics");
    assertThat(planner.path("room").asText()).isEqualTo("A113");
    assertThat(planner.path("meetingUrl").asText()).isEqualTo("https://meet.school.example/a113");
    assertThat(expect(onelogin.get("/Users/" + created.path("id").asText()), 200))
        .isEqualTo(created);
  }

  /** Parameters the school left empty arrive as empty strings: each means "no value". */
  @Test
  void emptyParametersAreAbsent() {
    String body =
        fill(TEMPLATE, "u", Bodies.uniqueEmail("ada"), "active", "true")
            .replace("\"department\":\"Finance\"", "\"department\":\"\"")
            .replace("\"room\":\"A113\"", "\"room\":\"\"")
            .replace("\"meetingUrl\":\"https://meet.school.example/a113\"", "\"meetingUrl\":\"\"");
    JsonNode created = expectResource(onelogin.post("/Users", body), 201, "User");
    assertThat(created.path(ENTERPRISE).has("department")).isFalse();
    assertThat(created.path(Replay.PLANNER).has("room")).isFalse();
    assertThat(created.path(Replay.PLANNER).has("meetingUrl")).isFalse();
    assertThat(created.path(Replay.PLANNER).path("subjects").asText())
        .isEqualTo("Mathematics, Physics");
  }

  /** Updates are the whole template again (PUT); "false" deactivates, "true" reactivates. */
  @Test
  void putWithTheStringFalseDeactivates() {
    String userName = Bodies.uniqueEmail("ada");
    String id =
        expectResource(
                onelogin.post("/Users", fill(TEMPLATE, "u", userName, "active", "true")),
                201,
                "User")
            .path("id")
            .asText();
    JsonNode deactivated =
        expect(onelogin.put("/Users/" + id, fill(TEMPLATE, "u", userName, "active", "false")), 200);
    assertThat(deactivated.path("active").isBoolean()).isTrue();
    assertThat(deactivated.path("active").asBoolean()).isFalse();
    assertThat(deactivated.path("id").asText()).isEqualTo(id);
    assertThat(
            expectList(
                    onelogin.get("/Users?filter=" + encoded("userName eq \"" + userName + "\"")), 1)
                .get(0))
        .isEqualTo(deactivated);
    assertThat(
            expect(
                    onelogin.put("/Users/" + id, fill(TEMPLATE, "u", userName, "active", "true")),
                    200)
                .path("active")
                .asBoolean())
        .isTrue();
    expectNoContent(onelogin.delete("/Users/" + id));
    expectError(
        onelogin.get("/Users/" + id),
        404,
        null,
        "No User with id " + id + " exists in this school.");
  }

  /** A userType the template fills with something else is refused with the rule spelled out. */
  @Test
  void anUnmappedUserTypeIsRefusedWithTheRule() {
    String body =
        fill(TEMPLATE, "u", Bodies.uniqueEmail("ada"), "active", "true")
            .replace("Finance Manager", "finance");
    expectError(
        onelogin.post("/Users", body),
        400,
        "invalidValue",
        "userType must be exactly one of Staff, Event Manager, Finance Manager, Administrator (case-sensitive)");
  }

  /** Group provisioning: the group with "id": null, then members added and removed by PATCH. */
  @Test
  void groupMembership() {
    String member =
        expectResource(
                onelogin.post(
                    "/Users", fill(TEMPLATE, "u", Bodies.uniqueEmail("m"), "active", "true")),
                201,
                "User")
            .path("id")
            .asText();
    String group =
        expectResource(
                onelogin.post(
                    "/Groups",
                    fill(
                        """
                        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":null,
                         "displayName":"{n}","members":[]}
                        """,
                        "n",
                        "Finance " + UUID.randomUUID())),
                201,
                "Group")
            .path("id")
            .asText();
    String patch =
        """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations":[{"op":"{op}","path":"members","value":[{"value":"{m}"}]}]}
        """;
    expectNoContent(onelogin.patch("/Groups/" + group, fill(patch, "op", "add", "m", member)));
    assertThat(members(onelogin, group)).containsExactly(member);
    expectNoContent(onelogin.patch("/Groups/" + group, fill(patch, "op", "remove", "m", member)));
    assertThat(members(onelogin, group)).isEmpty();
  }
}
