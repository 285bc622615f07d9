package com.classlark.scim.users;

import static com.classlark.scim.testing.Bodies.uniqueEmail;
import static com.classlark.scim.users.UserPatches.PLANNER;
import static com.classlark.scim.users.UserPatches.assertPatched;
import static com.classlark.scim.users.UserPatches.create;
import static com.classlark.scim.users.UserPatches.fill;
import static com.classlark.scim.users.UserPatches.patch;
import static com.classlark.scim.users.UserPatches.row;
import static com.classlark.scim.users.UserPatches.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import com.classlark.scim.users.UserPatches.StaffRow;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PATCH /Users through real HTTP on both databases (RFC 7644 §3.5.2): the RFC's User examples, the
 * path forms the RFC describes, versioning (RFC 7644 §3.14) and deactivation (DESIGN.md,
 * lifecycle).
 */
class UsersPatchHttpTest extends ServerPerEngine {

  /**
   * The User examples of RFC 7644 §3.5.2.1–3.5.2.3, the golden files the PATCH engine's unit tests
   * use ({@code patch/rfc7644/}): before, the request exactly as the RFC prints it, after.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "3.5.2.1-add-attributes-without-path.json",
        "3.5.2.2-remove-complex-value.json",
        "3.5.2.3-replace-attributes-without-path.json",
        "3.5.2.3-replace-street-address.json",
        "3.5.2.3-replace-work-address.json"
      })
  void rfcExampleGivesTheDocumentedResource(String file) throws IOException {
    JsonNode example;
    try (InputStream in = getClass().getResourceAsStream("/patch/rfc7644/" + file)) {
      example = Json.MAPPER.readTree(in);
    }
    assertThat(example.path("resourceType").asText()).isEqualTo("User");
    // Every example is Barbara Jensen with one userName, so each gets a school of its own.
    ScimClient school = server.clientForNewSchool("RFC " + file + " " + UUID.randomUUID());
    JsonNode created = create(school, example.get("before").toString());
    assertThat(Bodies.withoutMeta(created)).isEqualTo(example.get("before"));

    HttpResult patched =
        school.patch("/Users/" + created.path("id").asText(), example.get("request").toString());

    assertPatched(school, created, patched, example.get("after").toString(), 2);
  }

  static Stream<Arguments> rfcPathForms() {
    String work = "{'value':'{user}','type':'work','primary':true}";
    String home = "{'value':'babs@jensen.org','type':'home'}";
    String address =
        "{'type':'work','streetAddress':'100 Universal City Plaza','locality':'Hollywood'}";
    return Stream.of(
        arguments(
            "add with path appends to a multi-valued attribute",
            user("'emails':[" + work + "]"),
            "{'op':'add','path':'emails','value':[" + home + "]}",
            user("'emails':[" + work + "," + home + "]")),
        arguments(
            "add sets a singular attribute",
            user(""),
            "{'op':'add','path':'nickName','value':'Babs'}",
            user("'nickName':'Babs'")),
        arguments(
            "add to a complex attribute keeps the sub-attributes it does not name",
            user(""),
            "{'op':'add','path':'name','value':{'middleName':'Quinn'}}",
            user("").replace("'givenName':'Jane'", "'givenName':'Jane','middleName':'Quinn'")),
        arguments(
            "replace of a singular attribute",
            user("'title':'Teacher'"),
            "{'op':'replace','path':'title','value':'Head of Maths'}",
            user("'title':'Head of Maths'")),
        arguments(
            "replace of a sub-attribute",
            user(""),
            "{'op':'replace','path':'name.familyName','value':'Jensen'}",
            user("").replace("'Doe'", "'Jensen'")),
        arguments(
            "replace of a multi-valued attribute gives it exactly the new values",
            user("'emails':[" + work + "," + home + "]"),
            "{'op':'replace','path':'emails','value':[{'value':'b@jensen.org','type':'other'}]}",
            user("'emails':[{'value':'b@jensen.org','type':'other'}]")),
        arguments(
            "remove of a singular attribute",
            user("'nickName':'Babs'"),
            "{'op':'remove','path':'nickName'}",
            user("")),
        arguments(
            "remove of a sub-attribute",
            user("").replace("'givenName':'Jane'", "'givenName':'Jane','middleName':'Quinn'"),
            "{'op':'remove','path':'name.middleName'}",
            user("")),
        arguments(
            "remove by a value filter removes only the matching value",
            user("'emails':[" + work + "," + home + "]"),
            "{'op':'remove','path':'emails[type eq \\'home\\']'}",
            user("'emails':[" + work + "]")),
        arguments(
            "remove of a sub-attribute of the filtered values",
            user("'addresses':[" + address + "]"),
            "{'op':'remove','path':'addresses[type eq \\'work\\'].streetAddress'}",
            user("'addresses':[{'type':'work','locality':'Hollywood'}]")),
        arguments(
            "remove of a whole multi-valued attribute",
            user("'emails':[" + work + "," + home + "]"),
            "{'op':'remove','path':'emails'}",
            user("")),
        arguments(
            "add of an extension attribute by its URN path adds the extension to schemas",
            user(""),
            "{'op':'add','path':'" + PLANNER + ":room','value':'A113'}",
            user("'" + PLANNER + "':{'room':'A113'}")
                .replace("'schemas':['" + UserPatches.CORE + "'", schemasWithPlanner())),
        arguments(
            "remove of the last extension attribute drops the extension from schemas",
            user("'" + PLANNER + "':{'room':'A113'}")
                .replace("'schemas':['" + UserPatches.CORE + "'", schemasWithPlanner()),
            "{'op':'remove','path':'" + PLANNER + ":room'}",
            user("")));
  }

  private static String schemasWithPlanner() {
    return "'schemas':['" + UserPatches.CORE + "','" + PLANNER + "'";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfcPathForms")
  void pathFormGivesTheExpectedResource(
      String name, String before, String operation, String after) {
    Map<String, String> values = Map.of("user", uniqueEmail("path"));
    JsonNode created = create(client, fill(before, values));
    assertThat(Bodies.withoutMeta(created)).isEqualTo(Bodies.parse(fill(before, values)));

    HttpResult patched =
        client.patch("/Users/" + created.path("id").asText(), fill(patch(operation), values));

    assertPatched(client, created, patched, fill(after, values), 2);
  }

  @Test
  void patchThatChangesNothingKeepsVersionEtagAndLastModified() {
    Map<String, String> values = Map.of("user", uniqueEmail("unchanged"));
    JsonNode created =
        create(
            client,
            fill(user("'title':'Teacher','emails':[{'value':'{user}','type':'work'}]"), values));
    String id = created.path("id").asText();
    StaffRow before = row(server, id);
    server.clock().advance(Duration.ofMinutes(5));

    for (String operation :
        List.of(
            "{'op':'replace','path':'title','value':'Teacher'}",
            "{'op':'Replace','path':'active','value':'True'}",
            "{'op':'add','path':'emails','value':[{'value':'{user}','type':'work'}]}",
            "{'op':'remove','path':'nickName'}",
            "{'op':'replace','value':{'title':'Teacher','name.givenName':'Jane'}}")) {
      HttpResult result = client.patch("/Users/" + id, fill(patch(operation), values));

      assertThat(result.status()).as(operation + ": " + result.body()).isEqualTo(200);
      assertThat(result.json()).as(operation).isEqualTo(created);
      assertThat(result.header("ETag")).isEqualTo("W/\"1\"");
    }
    assertThat(row(server, id)).isEqualTo(before);
  }

  @Test
  void patchThatChangesBumpsTheVersionByExactlyOneAndSetsLastModified() {
    Map<String, String> values = Map.of("user", uniqueEmail("changed"));
    JsonNode created = create(client, fill(user("'title':'Teacher'"), values));
    String id = created.path("id").asText();

    for (int change = 1; change <= 3; change++) {
      server.clock().advance(Duration.ofMinutes(1));
      Instant now = server.clock().instant().truncatedTo(ChronoUnit.MILLIS);
      String title = "Head of Year " + change;

      HttpResult patched =
          client.patch(
              "/Users/" + id, patch("{'op':'replace','path':'title','value':'" + title + "'}"));

      assertPatched(
          client, created, patched, fill(user("'title':'" + title + "'"), values), 1 + change);
      assertThat(Instant.parse(patched.json().path("meta").path("lastModified").asText()))
          .isEqualTo(now);
      StaffRow stored = row(server, id);
      assertThat(stored.version()).isEqualTo(1 + change);
      assertThat(stored.lastModified()).isEqualTo(now.toEpochMilli());
    }
  }

  @Test
  void patchActiveFalseDeactivatesAndTheUserStaysReadableAndListed() {
    Map<String, String> values = Map.of("user", uniqueEmail("leaver"));
    JsonNode created = create(client, fill(user("'title':'Teacher'"), values));
    String id = created.path("id").asText();

    HttpResult deactivated =
        client.patch("/Users/" + id, patch("{'op':'replace','path':'active','value':false}"));

    assertPatched(
        client,
        created,
        deactivated,
        fill(user("'title':'Teacher'").replace("'active':true", "'active':false"), values),
        2);
    JsonNode listed = listByUserName(values.get("user"), "active eq false");
    assertThat(listed.path("totalResults").asInt()).isEqualTo(1);
    assertThat(listed.path("Resources").get(0)).isEqualTo(deactivated.json());

    HttpResult reactivated =
        client.patch("/Users/" + id, patch("{'op':'replace','path':'active','value':true}"));

    assertPatched(client, created, reactivated, fill(user("'title':'Teacher'"), values), 3);
    assertThat(listByUserName(values.get("user"), "active eq false").path("totalResults").asInt())
        .isZero();
    assertThat(listByUserName(values.get("user"), "active eq true").path("Resources").get(0))
        .isEqualTo(reactivated.json());
  }

  private static JsonNode listByUserName(String userName, String and) {
    String filter = "userName eq \"" + userName + "\" and " + and;
    HttpResult result =
        client.get("/Users?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    return result.json();
  }
}
