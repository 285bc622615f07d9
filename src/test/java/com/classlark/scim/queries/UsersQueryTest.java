package com.classlark.scim.queries;

import static com.classlark.scim.testing.Bodies.error;
import static com.classlark.scim.testing.Bodies.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GET /Users and POST /Users/.search: filters, ListResponse, sorting, index and cursor paging. */
class UsersQueryTest extends ServerPerEngine {
  static final int STAFF = 23;
  static List<JsonNode> users = new ArrayList<>();

  @BeforeParameterizedClassInvocation
  static void seed() {
    users.clear();
    for (int i = 0; i < STAFF; i++) {
      String family = i % 5 == 0 ? "" : ",'familyName':'Family" + (char) ('A' + (i * 7) % 26) + "'";
      String body =
          json(
              "{'userName':'Staff"
                  + i
                  + "@School.example','externalId':'EXT-"
                  + i
                  + "','name':{'givenName':'Given"
                  + i
                  + "'"
                  + family.replace("'familyName'", "'familyName'")
                  + "},'displayName':'Person "
                  + i
                  + "','userType':'Staff','active':"
                  + (i % 3 != 0)
                  + ",'emails':[{'value':'staff"
                  + i
                  + "@work.example','type':'work','primary':true},{'value':'home"
                  + i
                  + "@home.example','type':'home'}]}");
      if (i % 5 == 0) {
        body =
            body.replace(
                "\"name\":{\"givenName\":\"Given" + i + "\"}",
                "\"name\":{\"givenName\":\"Given" + i + "\",\"familyName\":\"Zed\"}");
      }
      HttpResult created = client.post("/Users", body);
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      users.add(created.json());
      server.clock().advance(Duration.ofSeconds(1));
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static JsonNode list(String query) {
    HttpResult result = client.get("/Users?" + query);
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    return result.json();
  }

  private static List<String> ids(JsonNode listResponse) {
    List<String> ids = new ArrayList<>();
    listResponse.path("Resources").forEach(resource -> ids.add(resource.path("id").asText()));
    return ids;
  }

  private static String id(int index) {
    return users.get(index).path("id").asText();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "userName eq \"staff7@school.example\"|7",
        "userName eq \"STAFF7@SCHOOL.EXAMPLE\"|7",
        "externalId eq \"EXT-8\"|8",
        "externalId eq EXT-9|9",
        "displayName eq \"person 10\"|10",
        "emails[type eq \"work\"].value eq \"staff11@work.example\"|11",
        "emails[type eq \"work\" and value eq \"STAFF12@WORK.EXAMPLE\"]|12",
        "emails.value eq \"home13@home.example\"|13",
        "name.givenName eq \"given14\" and active eq true|14",
      })
  void identityProviderLookupFiltersFindExactlyOne(String filter, int expected) {
    JsonNode response = list("filter=" + encode(filter));

    assertThat(ids(response)).containsExactly(id(expected));
    assertThat(response.path("totalResults").asInt()).isEqualTo(1);
    assertThat(response.path("itemsPerPage").asInt()).isEqualTo(1);
    assertThat(response.path("startIndex").asInt()).isEqualTo(1);
    assertThat(response.path("schemas").get(0).asText())
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");
  }

  @Test
  void idAndLastModifiedFiltersWork() {
    assertThat(ids(list("filter=" + encode("id eq \"" + id(3) + "\"")))).containsExactly(id(3));
    String lastModified = users.get(20).path("meta").path("lastModified").asText();
    assertThat(ids(list("filter=" + encode("meta.lastModified gt \"" + lastModified + "\""))))
        .containsExactly(id(21), id(22));
  }

  @Test
  void plusAsSpaceInTheQueryStringWorks() {
    HttpResult result = client.get("/Users?filter=userName+eq+%22staff4%40school.example%22");
    assertThat(ids(result.json())).containsExactly(id(4));
  }

  @Test
  void aFilterMatchingNothingIsAnEmptyListResponse() {
    JsonNode response =
        list("filter=" + encode("userName eq \"" + java.util.UUID.randomUUID() + "\""));
    assertThat(response)
        .isEqualTo(
            com.classlark.scim.testing.Bodies.parse(
                json(
                    "{'schemas':['urn:ietf:params:scim:api:messages:2.0:ListResponse'],'totalResults':0,"
                        + "'itemsPerPage':0,'startIndex':1,'Resources':[]}")));
  }

  @Test
  void indexPagingWalksTheWholeSchoolOnceInCreationOrder() {
    List<String> seen = new ArrayList<>();
    for (int start = 1; start <= STAFF; start += 5) {
      JsonNode page = list("startIndex=" + start + "&count=5");
      assertThat(page.path("totalResults").asInt()).isEqualTo(STAFF);
      assertThat(page.path("startIndex").asInt()).isEqualTo(start);
      seen.addAll(ids(page));
    }
    assertThat(seen).hasSize(STAFF).doesNotHaveDuplicates();
    assertThat(seen)
        .containsExactlyElementsOf(users.stream().map(u -> u.path("id").asText()).toList());
  }

  @Test
  void cursorPagingWalksForwardAndBackOnceEach() {
    List<String> seen = new ArrayList<>();
    List<String> cursors = new ArrayList<>();
    JsonNode page = list("cursor=&count=4&sortBy=name.familyName");
    while (true) {
      assertThat(page.has("startIndex")).isFalse();
      assertThat(page.path("totalResults").asInt()).isEqualTo(STAFF);
      seen.addAll(ids(page));
      if (!page.has("nextCursor")) {
        break;
      }
      cursors.add(page.path("nextCursor").asText());
      page =
          list("count=4&sortBy=name.familyName&cursor=" + encode(page.path("nextCursor").asText()));
    }
    assertThat(seen).hasSize(STAFF).doesNotHaveDuplicates();
    List<String> familyOrder =
        users.stream()
            .sorted(
                java.util.Comparator.comparing(
                        (JsonNode u) ->
                            u.path("name").path("familyName").asText("\uffff").toLowerCase())
                    .thenComparing(u -> u.path("id").asText()))
            .map(u -> u.path("id").asText())
            .toList();
    assertThat(seen).containsExactlyElementsOf(familyOrder);

    JsonNode last =
        list("count=4&sortBy=name.familyName&cursor=" + encode(cursors.get(cursors.size() - 1)));
    List<String> backwards = new ArrayList<>(ids(last));
    JsonNode previous = last;
    while (previous.has("previousCursor")) {
      previous =
          list(
              "count=4&sortBy=name.familyName&cursor="
                  + encode(previous.path("previousCursor").asText()));
      backwards.addAll(0, ids(previous));
    }
    assertThat(backwards).containsExactlyElementsOf(familyOrder);
  }

  @Test
  void filtersEvaluatedInMemoryPageLikePushedDownOnes() {
    // userType has no column: every row is checked by the evaluator, the page still counts right.
    JsonNode page = list("filter=" + encode("userType eq \"Staff\"") + "&startIndex=3&count=5");
    assertThat(page.path("totalResults").asInt()).isEqualTo(STAFF);
    assertThat(ids(page)).containsExactly(id(2), id(3), id(4), id(5), id(6));

    List<String> walked = new ArrayList<>();
    JsonNode cursorPage = list("filter=" + encode("userType eq \"Staff\"") + "&cursor=&count=10");
    walked.addAll(ids(cursorPage));
    while (cursorPage.has("nextCursor")) {
      cursorPage =
          list(
              "filter="
                  + encode("userType eq \"Staff\"")
                  + "&count=10&cursor="
                  + encode(cursorPage.path("nextCursor").asText()));
      walked.addAll(ids(cursorPage));
    }
    assertThat(walked)
        .containsExactlyElementsOf(users.stream().map(u -> u.path("id").asText()).toList());
  }

  @Test
  void sortByDescendingReversesTheOrder() {
    List<String> ascending = ids(list("sortBy=userName&count=100"));
    List<String> descending = ids(list("sortBy=userName&sortOrder=descending&count=100"));
    assertThat(descending).containsExactlyElementsOf(ascending.reversed());
    assertThat(ascending.get(0)).isEqualTo(id(0));
  }

  @Test
  void sortByAnAttributeWithoutAColumnSortsInMemory() {
    List<String> byPrimaryEmail = ids(list("sortBy=emails.value&count=100"));
    // Primary emails are staffN@work.example; '0' sorts before '@', so staff10 comes before
    // staff1@.
    assertThat(byPrimaryEmail).hasSize(STAFF).doesNotHaveDuplicates();
    assertThat(byPrimaryEmail.subList(0, 4)).containsExactly(id(0), id(10), id(11), id(12));
    assertThat(byPrimaryEmail.get(11)).isEqualTo(id(1));
    assertThat(byPrimaryEmail.get(STAFF - 1)).isEqualTo(id(9));
  }

  @Test
  void pageParametersAreClampedAsTheRfcSays() {
    JsonNode belowOne = list("startIndex=-4&count=2");
    assertThat(belowOne.path("startIndex").asInt()).isEqualTo(1);
    assertThat(ids(belowOne)).containsExactly(id(0), id(1));

    JsonNode negativeCount = list("count=-3");
    assertThat(negativeCount)
        .isEqualTo(
            com.classlark.scim.testing.Bodies.parse(
                json(
                    "{'schemas':['urn:ietf:params:scim:api:messages:2.0:ListResponse'],'totalResults':"
                        + STAFF
                        + ",'itemsPerPage':0,'startIndex':1}")));

    assertThat(list("count=0").has("Resources")).isFalse();
    assertThat(ids(list("startIndex=22&count=10"))).containsExactly(id(21), id(22));
    assertThat(ids(list("startIndex=100&count=10"))).isEmpty();
  }

  @Test
  void listResourcesAreProjected() {
    JsonNode response =
        list("filter=" + encode("externalId eq \"EXT-5\"") + "&attributes=userName");
    assertThat(response.path("Resources").get(0))
        .isEqualTo(
            com.classlark.scim.testing.Bodies.parse(
                json(
                    "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'id':'"
                        + id(5)
                        + "','userName':'Staff5@School.example'}")));
  }

  @Test
  void searchByPostGivesTheSameAnswerAsGet() {
    HttpResult search =
        client.post(
            "/Users/.search",
            json("{'schemas':['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],"
                    + "'filter':FILTER,'sortBy':'userName',"
                    + "'sortOrder':'descending','startIndex':1,'count':3,'attributes':['userName']}")
                .replace("FILTER", "\"emails.type eq \\\"work\\\" and active eq false\""));
    JsonNode get =
        list(
            "filter="
                + encode("emails.type eq \"work\" and active eq false")
                + "&sortBy=userName&sortOrder=descending&startIndex=1&count=3&attributes=userName");

    assertThat(search.status()).isEqualTo(200);
    assertThat(search.json()).isEqualTo(get);
    assertThat(get.path("totalResults").asInt()).isEqualTo(8);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "userName eq|invalidFilter",
        "userName equals \"x\"|invalidFilter",
        "(userName eq \"x\"|invalidFilter",
        "fooBar eq \"x\"|invalidFilter",
        "active gt true|invalidFilter",
      })
  void badFiltersAre400InvalidFilter(String filter, String scimType) {
    HttpResult result = client.get("/Users?filter=" + encode(filter));
    assertThat(result.status()).isEqualTo(400);
    assertThat(result.json().path("scimType").asText()).isEqualTo(scimType);
    assertThat(result.json().path("status").asText()).isEqualTo("400");
    assertThat(result.json().path("detail").asText()).isNotBlank();
  }

  @Test
  void unknownAttributeIsNamedInTheDetail() {
    HttpResult result = client.get("/Users?filter=" + encode("fooBar eq \"x\""));
    assertThat(result.body())
        .isEqualTo(error(400, "invalidFilter", "unknown attribute 'fooBar' in filter"));
  }

  @Test
  void tooLongFilterIsRefusedWithTheLimit() {
    String filter = "userName eq \"" + "x".repeat(5000) + "\"";
    HttpResult result =
        client.post(
            "/Users/.search",
            "{\"filter\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(filter) + "}");
    assertThat(result.status()).isEqualTo(400);
    assertThat(result.json().path("scimType").asText()).isEqualTo("invalidFilter");
    assertThat(result.json().path("detail").asText()).contains("4096");
  }

  @Test
  void aTamperedCursorIsRefused() {
    String cursor = list("cursor=&count=2").path("nextCursor").asText();
    // Change one character of the signed payload (the part before the dot).
    char changed = cursor.charAt(5) == 'A' ? 'B' : 'A';
    String tampered = cursor.substring(0, 5) + changed + cursor.substring(6);

    HttpResult result = client.get("/Users?count=2&cursor=" + encode(tampered));

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.body())
        .isEqualTo(
            error(
                400,
                "invalidCursor",
                "The cursor is not valid: pass back a nextCursor or previousCursor value exactly as"
                    + " received."));
  }

  @Test
  void anotherSchoolsCursorIsRefusedAndLeaksNothing() {
    String cursor = list("cursor=&count=2").path("nextCursor").asText();
    ScimClient other = server.clientForNewSchool("Cursor Thief " + engine);

    HttpResult result = other.get("/Users?count=2&cursor=" + encode(cursor));

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.json().path("scimType").asText()).isEqualTo("invalidCursor");
    assertThat(result.body()).doesNotContain(id(2));
  }

  @Test
  void aCursorOfAnotherQueryIsRefused() {
    String cursor = list("cursor=&count=2").path("nextCursor").asText();
    HttpResult result = client.get("/Users?count=2&sortBy=userName&cursor=" + encode(cursor));
    assertThat(result.json().path("scimType").asText()).isEqualTo("invalidCursor");
  }

  @Test
  void anOldCursorHasExpired() {
    String cursor = list("cursor=&count=2").path("nextCursor").asText();
    server.clock().advance(Duration.ofHours(25));
    try {
      HttpResult result = client.get("/Users?count=2&cursor=" + encode(cursor));
      assertThat(result.status()).isEqualTo(400);
      assertThat(result.json().path("scimType").asText()).isEqualTo("expiredCursor");
    } finally {
      server.clock().advance(Duration.ofHours(-25));
    }
  }

  @Test
  void otherSchoolsNeverAppearInLists() {
    ScimClient other = server.clientForNewSchool("Lonely School " + engine);
    JsonNode response = other.get("/Users").json();
    assertThat(response.path("totalResults").asInt()).isZero();
    Set<String> ours = new HashSet<>(ids(list("count=100")));
    assertThat(ours).hasSize(STAFF);
  }
}
