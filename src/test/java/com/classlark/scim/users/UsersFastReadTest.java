package com.classlark.scim.users;

import static com.classlark.scim.testing.Bodies.uniqueEmail;
import static com.classlark.scim.users.UserPatches.ENTERPRISE;
import static com.classlark.scim.users.UserPatches.PLANNER;
import static com.classlark.scim.users.UserPatches.patch;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.StoredDocument;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.Versions;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.protocol.resource.Projection;
import com.classlark.scim.protocol.resource.ResourceRepresentation;
import com.classlark.scim.protocol.resource.SplicedRepresentation;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /Users/{id}} without {@code attributes} or {@code excludedAttributes} is written from
 * the stored document's text with {@code meta} spliced in ({@link SplicedRepresentation}); its
 * response must be the general path's byte for byte, headers included, on both engines: for a
 * minimal user, a user with every attribute as Entra sends them, text with escapes and characters
 * outside ASCII, a user changed by PATCH, a replaced one and a deactivated one.
 */
class UsersFastReadTest extends ServerPerEngine {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** An excludedAttributes that names no attribute: the general path, the default attributes. */
  private static final String GENERAL_PATH = "?excludedAttributes=noSuchAttribute";

  /** Name → the body of the response of the write that made the user's current version. */
  private final Map<String, Written> users = new LinkedHashMap<>();

  private record Written(String id, byte[] body, String etag) {}

  @BeforeEach
  void createUsers() {
    users.put("minimal", created(minimal()));
    users.put("every attribute", created(everyAttribute()));
    users.put("escapes and unicode", created(escapesAndUnicode()));
    Written toPatch = created(everyAttribute());
    users.put(
        "changed by PATCH",
        written(
            "PATCH",
            toPatch.id(),
            patch(
                "{'op':'Replace','path':'title','value':'Deputy \\\\ \\'Head\\''}",
                "{'op':'add','path':'phoneNumbers','value':[{'value':'+44 20 7946 0001',"
                    + "'type':'mobile'}]}",
                "{'op':'remove','path':'emails[type eq \\'home\\']'}",
                "{'op':'replace','value':{'name.middleName':'Ü','" + PLANNER + ":room':'B2'}}")));
    Written toDeactivate = created(minimal());
    users.put(
        "deactivated",
        written(
            "PATCH", toDeactivate.id(), patch("{'op':'replace','path':'active','value':'False'}")));
    Written toReplace = created(minimal());
    ObjectNode replacement = escapesAndUnicode();
    users.put("replaced by PUT", written("PUT", toReplace.id(), replacement.toString()));
  }

  @Test
  void getByIdAnswersTheGeneralPathsBytesAndHeaders() {
    users.forEach(
        (name, written) -> {
          HttpResponse<byte[]> fast = get("/Users/" + written.id());
          HttpResponse<byte[]> general = get("/Users/" + written.id() + GENERAL_PATH);

          assertThat(fast.statusCode()).as(name).isEqualTo(200);
          assertThat(general.statusCode()).as(name).isEqualTo(200);
          assertThat(text(fast.body())).as(name).isEqualTo(text(general.body()));
          assertThat(fast.body()).as(name).isEqualTo(general.body());
          assertThat(fast.body()).as(name + ", as its write answered").isEqualTo(written.body());
          assertThat(headers(fast)).as(name).isEqualTo(headers(general));
          assertThat(fast.headers().firstValue("ETag")).as(name).contains(written.etag());
        });
  }

  @Test
  void lookupsByUserNameAndExternalIdAnswerTheGeneralPathsBytesAndHeaders() {
    String sharedExternalId = "shared-" + uniqueEmail("x");
    ObjectNode first = minimal().put("externalId", sharedExternalId);
    ObjectNode second = escapesAndUnicode().put("externalId", sharedExternalId);
    created(first);
    created(second);
    Written retired = created(minimal().put("externalId", "retired-" + sharedExternalId));
    String retiredUserName = userName(retired);
    assertThat(client.delete("/Users/" + retired.id()).status()).isEqualTo(204);
    List<String> queries = new ArrayList<>();
    users.values().forEach(user -> queries.add(filter("userName eq \"" + userName(user) + "\"")));
    users
        .values()
        .forEach(
            user ->
                queries.add(
                    filter("userName eq \"" + userName(user).toUpperCase(Locale.ROOT) + "\"")));
    String externalId = "ext-" + userName(users.get("every attribute"));
    queries.add(filter("externalId eq \"" + externalId + "\""));
    queries.add(filter("externalId eq \"" + externalId.toUpperCase(Locale.ROOT) + "\""));
    queries.add(filter("externalId eq \"" + sharedExternalId + "\""));
    queries.add(filter("externalId eq \"" + sharedExternalId + "\"") + "&startIndex=1&count=100");
    queries.add(filter("externalId eq \"" + sharedExternalId + "\"") + "&count=1");
    queries.add(filter("externalId eq \"retired-" + sharedExternalId + "\""));
    queries.add(filter("userName eq \"" + retiredUserName + "\""));
    queries.add(filter("userName eq \"nobody@school.example\"") + "&startIndex=1&count=100");

    for (String query : queries) {
      HttpResponse<byte[]> fast = get("/Users" + query);
      HttpResponse<byte[]> general = get("/Users" + query + GENERAL_PATH.replace('?', '&'));

      assertThat(fast.statusCode()).as(query).isEqualTo(200);
      assertThat(text(fast.body())).as(query).isEqualTo(text(general.body()));
      assertThat(fast.body()).as(query).isEqualTo(general.body());
      assertThat(headers(fast)).as(query).isEqualTo(headers(general));
    }
    ObjectNode shared =
        Bodies.parse(
            text(get("/Users" + filter("externalId eq \"" + sharedExternalId + "\"")).body()));
    assertThat(shared.path("totalResults").asInt()).isEqualTo(2);
    assertThat(
            List.of(
                shared.path("Resources").path(0).path("userName").asText(),
                shared.path("Resources").path(1).path("userName").asText()))
        .containsExactlyInAnyOrder(
            first.path("userName").asText(), second.path("userName").asText());
  }

  @Test
  void theLookupsFindLiveStaffAsTheFiltersCompare() {
    String school = server.school().id();
    var staff = server.application().services().staff();
    String sharedExternalId = "twice-" + uniqueEmail("x");
    Written first = created(minimal().put("externalId", sharedExternalId));
    Written second = created(minimal().put("externalId", sharedExternalId));
    Written retired = created(minimal().put("externalId", "gone-" + sharedExternalId));
    assertThat(client.delete("/Users/" + retired.id()).status()).isEqualTo(204);

    assertThat(staff.documentsByUserName(school, userName(first).toUpperCase(Locale.ROOT)))
        .extracting(StoredDocument::id)
        .containsExactly(first.id());
    assertThat(staff.documentsByUserName(school, userName(retired))).isEmpty();
    assertThat(staff.documentsByExternalId(school, sharedExternalId, 10))
        .extracting(StoredDocument::id)
        .containsExactlyInAnyOrder(first.id(), second.id());
    assertThat(staff.documentsByExternalId(school, sharedExternalId, 1)).hasSize(1);
    assertThat(staff.documentsByExternalId(school, sharedExternalId.toUpperCase(Locale.ROOT), 10))
        .isEmpty();
    assertThat(staff.documentsByExternalId(school, "gone-" + sharedExternalId, 10)).isEmpty();
  }

  private static String userName(Written user) {
    return Bodies.parse(text(user.body())).path("userName").asText();
  }

  private static String filter(String filter) {
    return "?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
  }

  @Test
  void theStoredTextOfEveryUserIsSplicedToTheGeneralRendering() {
    String school = server.school().id();
    users.forEach(
        (name, written) -> {
          StoredDocument stored =
              server.application().services().staff().getDocument(school, written.id());
          StoredResource parsed = server.application().services().staff().get(school, written.id());
          ResourceRepresentation.Meta meta =
              new ResourceRepresentation.Meta(
                  parsed.created(),
                  parsed.lastModified(),
                  server.baseUrl() + "/Users/" + written.id(),
                  Versions.etag(parsed.version()));

          byte[] general = general(parsed, meta);
          assertThat(
                  SplicedRepresentation.render(
                      ResourceTypes.USER, stored.id(), stored.json(), meta))
              .as(name)
              .hasValueSatisfying(spliced -> assertThat(text(spliced)).isEqualTo(text(general)));
        });
  }

  @Test
  void aRecordEditedByHandIsAnsweredAsTheGeneralPathAnswersIt() {
    var section = server.application().services().staffSection();
    String school = server.school().id();
    ObjectNode made = Json.object();
    made.put("email", uniqueEmail("hand"));
    made.put("givenName", "Hand");
    made.put("familyName", "Made");
    made.put("userType", "Staff");
    made.put("room", "B7");
    String id = section.create(Caller.commandLine(), school, made).id();
    // Added after room, where the schema has subjects first: the stored text is in another order.
    section.edit(Caller.commandLine(), school, id, Json.object().put("subjects", "Art"), null);
    StoredDocument stored = server.application().services().staff().getDocument(school, id);
    assertThat(stored.json())
        .as("the case this test is for")
        .contains("\"room\":\"B7\",\"subjects\"");
    assertThat(
            SplicedRepresentation.render(
                ResourceTypes.USER,
                id,
                stored.json(),
                new ResourceRepresentation.Meta(
                    stored.created(), stored.lastModified(), "l", Versions.etag(stored.version()))))
        .as("left to the general path")
        .isEmpty();

    HttpResponse<byte[]> fast = get("/Users/" + id);
    HttpResponse<byte[]> general = get("/Users/" + id + GENERAL_PATH);

    assertThat(fast.statusCode()).isEqualTo(200);
    assertThat(text(fast.body())).isEqualTo(text(general.body()));
    assertThat(fast.body()).isEqualTo(general.body());
    assertThat(Bodies.parse(text(fast.body())).path(PLANNER).path("subjects").asText())
        .isEqualTo("Art");
  }

  @Test
  void aCurrentEntityTagGetsNotModifiedAndAStaleOneTheResource() {
    Written user = users.get("changed by PATCH");

    HttpResponse<byte[]> current = get("/Users/" + user.id(), Map.of("If-None-Match", user.etag()));
    HttpResponse<byte[]> stale = get("/Users/" + user.id(), Map.of("If-None-Match", "W/\"1\""));

    assertThat(current.statusCode()).isEqualTo(304);
    assertThat(current.body()).isEmpty();
    assertThat(current.headers().firstValue("ETag")).contains(user.etag());
    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(stale.body()).isEqualTo(user.body());
  }

  @Test
  void aRetiredUserIsNotFound() {
    Written user = created(minimal());
    assertThat(client.delete("/Users/" + user.id()).status()).isEqualTo(204);

    HttpResponse<byte[]> fast = get("/Users/" + user.id());

    assertThat(fast.statusCode()).isEqualTo(404);
    assertThat(Bodies.parse(text(fast.body())).path("detail").asText()).contains(user.id());
  }

  private static byte[] general(StoredResource resource, ResourceRepresentation.Meta meta) {
    try {
      return Json.MAPPER.writeValueAsBytes(
          Projection.all(ResourceTypes.USER)
              .apply(
                  ResourceRepresentation.render(
                      ResourceTypes.USER, resource.id(), resource.document(), meta)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode minimal() {
    ObjectNode body = Json.object();
    body.put("userName", uniqueEmail("fast"));
    body.putObject("name").put("givenName", "Jane").put("familyName", "Doe");
    body.put("userType", "Staff");
    return body;
  }

  /** Every attribute a client may write, in another order than the schema's, as Entra sends. */
  private static ObjectNode everyAttribute() {
    ObjectNode body = Json.object();
    body.putArray("schemas")
        .add(PLANNER)
        .add("urn:ietf:params:scim:schemas:core:2.0:User")
        .add(ENTERPRISE);
    body.put("active", "True");
    String userName = uniqueEmail("every");
    body.put("userName", userName);
    body.put(ENTERPRISE + ":department", "Science");
    body.put("externalId", "ext-" + userName);
    body.put("displayName", "Dr Jane Q Doe");
    body.put("nickName", "JQ");
    body.put("profileUrl", "https://example.org/~jane");
    body.put("title", "Head of Physics");
    body.put("userType", "Administrator");
    body.put("preferredLanguage", "en-GB");
    body.put("locale", "en-GB");
    body.put("timezone", "Europe/London");
    body.put("password", "not-stored-Secret-1");
    body.putObject("name")
        .put("honorificSuffix", "PhD")
        .put("familyName", "Doe")
        .put("givenName", "Jane")
        .put("middleName", "Quinn")
        .put("honorificPrefix", "Dr")
        .put("formatted", "Dr Jane Quinn Doe PhD");
    body.putArray("emails")
        .add(Json.object().put("type", "work").put("value", userName).put("primary", true))
        .add(Json.object().put("value", "jane@home.example").put("type", "home"));
    body.putArray("phoneNumbers")
        .add(Json.object().put("value", "+44 20 7946 0000").put("type", "work"));
    body.putArray("ims").add(Json.object().put("value", "jane.doe").put("type", "xmpp"));
    body.putArray("photos")
        .add(Json.object().put("value", "https://example.org/jane.png").put("type", "photo"));
    body.putArray("addresses")
        .add(
            Json.object()
                .put("type", "work")
                .put("streetAddress", "1 School Lane")
                .put("locality", "London")
                .put("region", "Greater London")
                .put("postalCode", "N1 1AA")
                .put("country", "GB")
                .put("formatted", "1 School Lane\nLondon N1 1AA")
                .put("primary", true));
    body.putArray("entitlements").add(Json.object().put("value", "booking").put("type", "app"));
    body.putArray("roles").add(Json.object().put("value", "teacher").put("primary", "true"));
    body.putArray("x509Certificates").add(Json.object().put("value", "TUlJQ2lqQ0NBZk9n"));
    body.put(ENTERPRISE + ":manager", "26118915-6090-4610-87e4-49d8ca9f808d");
    body.putObject(ENTERPRISE)
        .put("employeeNumber", 701)
        .put("costCenter", "CC-4")
        .put("organization", "Hill School")
        .put("division", "Upper");
    body.putObject(PLANNER)
        .put("meetingUrl", "https://meet.example.org/jane?room=1&x=%20")
        .put("subjects", "Physics, Mathematics")
        .put("room", "A113");
    return body;
  }

  /** Quotes, backslashes, control characters, HTML, and characters beyond ASCII and the BMP. */
  private static ObjectNode escapesAndUnicode() {
    ObjectNode body = minimal();
    body.put("displayName", "Zoë \"Q\" O'Brien \\ / <b>&amp;</b> \t\r\n\b\f \u0001\u001f\u007f");
    body.put("title", "先生 Ελληνικά Приве́т 😀 \u2028\u2029 \uFEFF é");
    body.putObject("name")
        .put("givenName", "Zoë 😀")
        .put("familyName", "Ñúñez-\u00e9\u0301")
        .put("formatted", "\\u00e9 is not an escape here");
    body.putObject(PLANNER).put("subjects", "Maths, \"Physics\"").put("room", "A\\1");
    return body;
  }

  private Written created(ObjectNode body) {
    HttpResult result = client.post("/Users", body.toString());
    assertThat(result.status()).as(result.body()).isEqualTo(201);
    return new Written(
        result.json().path("id").asText(),
        result.body().getBytes(StandardCharsets.UTF_8),
        result.header("ETag"));
  }

  private Written written(String method, String id, String body) {
    HttpResult result = client.send(method, "/Users/" + id, body);
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    return new Written(id, result.body().getBytes(StandardCharsets.UTF_8), result.header("ETag"));
  }

  private HttpResponse<byte[]> get(String path) {
    return get(path, Map.of());
  }

  private HttpResponse<byte[]> get(String path, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(client.baseUrl() + path))
            .header("Authorization", "Bearer " + server.token())
            .timeout(Duration.ofSeconds(60));
    headers.forEach(request::header);
    try {
      return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The response's headers that say what the body is, without the per-request ones. */
  private static Map<String, List<String>> headers(HttpResponse<byte[]> response) {
    Map<String, List<String>> headers = new LinkedHashMap<>(response.headers().map());
    headers.remove("x-correlation-id");
    headers.remove("date");
    return headers;
  }

  private static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }
}
