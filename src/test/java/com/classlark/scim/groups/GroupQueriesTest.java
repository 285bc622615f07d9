package com.classlark.scim.groups;

import static com.classlark.scim.testing.Bodies.json;
import static com.classlark.scim.testing.Bodies.staff;
import static com.classlark.scim.testing.Bodies.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Group queries over HTTP on both databases: filters on groups and members, and the root search.
 */
class GroupQueriesTest extends GroupExchanges {
  @Test
  void membershipCheckFilterAnswersOneOrZero() {
    String member = user();
    String outsider = user();
    String id = createGroup(uniqueName("Check"), member).path("id").asText();

    for (String candidate : List.of(member, outsider)) {
      String filter =
          URLEncoder.encode(
              "id eq \"" + id + "\" and members.value eq \"" + candidate + "\"",
              StandardCharsets.UTF_8);
      JsonNode response = client.get("/Groups?excludedAttributes=members&filter=" + filter).json();
      int expected = candidate.equals(member) ? 1 : 0;
      assertThat(response.path("totalResults").asInt()).isEqualTo(expected);
      if (expected == 1) {
        assertThat(response.path("Resources").get(0).has("members")).isFalse();
        assertThat(response.path("Resources").get(0).path("id").asText()).isEqualTo(id);
      }
    }
  }

  @Test
  void groupFiltersOnDisplayNameAndExternalIdWork() {
    String name = uniqueName("Science");
    String id = createGroup(name).path("id").asText();
    String filter =
        URLEncoder.encode("displayName eq \"" + name.toLowerCase() + "\"", StandardCharsets.UTF_8);
    assertThat(
            client
                .get("/Groups?filter=" + filter)
                .json()
                .path("Resources")
                .get(0)
                .path("id")
                .asText())
        .isEqualTo(id);
  }

  @Test
  void unsupportedMemberFiltersAreRefusedClearly() {
    String filter = URLEncoder.encode("members.display eq \"Jane\"", StandardCharsets.UTF_8);
    HttpResult result = client.get("/Groups?filter=" + filter);
    assertThat(result.status()).isEqualTo(400);
    assertThat(result.json().path("scimType").asText()).isEqualTo("invalidFilter");
  }

  @Test
  void rootSearchPagesAcrossUsersThenGroups() {
    ScimClient school = server.clientForNewSchool("Search School " + engine);
    List<String> userIds = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      userIds.add(school.post("/Users", staff(uniqueEmail("search"))).json().path("id").asText());
      server.clock().advance(java.time.Duration.ofSeconds(1));
    }
    List<String> groupIds = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      server.clock().advance(java.time.Duration.ofSeconds(1));
      groupIds.add(
          school
              .post("/Groups", json("{'displayName':'" + uniqueName("Search") + "'}"))
              .json()
              .path("id")
              .asText());
    }
    String request =
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],'filter':'meta.created pr',"
            + "'startIndex':START,'count':COUNT}";

    JsonNode all =
        school.post("/.search", json(request.replace("START", "1").replace("COUNT", "10"))).json();
    assertThat(all.path("totalResults").asInt()).isEqualTo(5);
    List<String> allIds = new ArrayList<>();
    all.path("Resources").forEach(resource -> allIds.add(resource.path("id").asText()));
    List<String> expected = new ArrayList<>(userIds);
    expected.addAll(groupIds);
    assertThat(allIds).containsExactlyElementsOf(expected);

    JsonNode straddling =
        school.post("/.search", json(request.replace("START", "3").replace("COUNT", "2"))).json();
    List<String> straddlingIds = new ArrayList<>();
    straddling
        .path("Resources")
        .forEach(resource -> straddlingIds.add(resource.path("id").asText()));
    assertThat(straddlingIds).containsExactly(userIds.get(2), groupIds.get(0));
    assertThat(straddling.path("totalResults").asInt()).isEqualTo(5);
    assertThat(straddling.path("startIndex").asInt()).isEqualTo(3);

    JsonNode usersOnly =
        school
            .post(
                "/.search",
                json(
                    "{'schemas':['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],'filter':'userName pr'}"))
            .json();
    assertThat(usersOnly.path("totalResults").asInt()).isEqualTo(3);

    HttpResult neither =
        school.post(
            "/.search",
            json(
                "{'schemas':['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],'filter':'fooBar pr'}"));
    assertThat(neither.status()).isEqualTo(400);
    assertThat(neither.json().path("scimType").asText()).isEqualTo("invalidFilter");
  }
}
