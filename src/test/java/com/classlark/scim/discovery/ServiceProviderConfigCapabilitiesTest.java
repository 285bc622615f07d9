package com.classlark.scim.discovery;

import static com.classlark.scim.testing.Bodies.json;
import static com.classlark.scim.testing.Bodies.staff;
import static com.classlark.scim.testing.Bodies.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * ServiceProviderConfig (RFC 7643 §5) states what the service does: read over HTTP, and every
 * capability it calls supported is exercised here through the real server.
 */
class ServiceProviderConfigCapabilitiesTest extends ServerPerEngine {
  static JsonNode config;

  @BeforeParameterizedClassInvocation
  static void prepare() {
    HttpResult result = client.get("/ServiceProviderConfig");
    assertThat(result.status()).isEqualTo(200);
    config = result.json();
  }

  private static String filter(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String createUser(String userName) {
    HttpResult result = client.post("/Users", staff(userName));
    assertThat(result.status()).as(result.body()).isEqualTo(201);
    return result.json().get("id").textValue();
  }

  /** Three users sharing a unique prefix, family names A…, B…, C… in creation order C, A, B. */
  private static String threeUsers() {
    String prefix = "cap" + UUID.randomUUID().toString().substring(0, 8);
    for (String family : List.of("Cole", "Adams", "Baker")) {
      HttpResult result =
          client.post(
              "/Users",
              staff(prefix + "." + family.toLowerCase(java.util.Locale.ROOT) + "@school.example")
                  .replace("Doe", family));
      assertThat(result.status()).isEqualTo(201);
    }
    return prefix;
  }

  private static List<String> familyNames(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.path("Resources")
        .forEach(user -> names.add(user.get("name").get("familyName").textValue()));
    return names;
  }

  @Test
  void serviceProviderConfigStatesTheConfiguredService() {
    String base = server.baseUrl();
    assertThat(config)
        .isEqualTo(
            Bodies.parse(
                json(
                    "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],"
                        + "'documentationUri':'"
                        + base
                        + "/docs','patch':{'supported':true},"
                        + "'bulk':{'supported':true,'maxOperations':1000,'maxPayloadSize':1048576},"
                        + "'filter':{'supported':true,'maxResults':1000},'changePassword':{'supported':false},"
                        + "'sort':{'supported':true},'etag':{'supported':true},"
                        + "'pagination':{'cursor':true,'index':true,'defaultPaginationMethod':'index',"
                        + "'defaultPageSize':100,'maxPageSize':1000,'cursorTimeout':86400},"
                        + "'authenticationSchemes':[{'type':'oauthbearertoken','name':'OAuth Bearer Token',"
                        + "'description':'Each school authenticates with its own bearer token (Authorization:"
                        + " Bearer clsk_...), issued by ClassLark support. The token alone selects the school.',"
                        + "'specUri':'https://www.rfc-editor.org/info/rfc6750','documentationUri':'"
                        + base
                        + "/docs#base-url-and-token','primary':true}],"
                        + "'meta':{'resourceType':'ServiceProviderConfig','location':'"
                        + base
                        + "/ServiceProviderConfig'}}")));
  }

  @Test
  void documentationUriServesTheIdentityProviderGuideAsHtmlWithoutAToken() {
    String documentationUri = config.get("documentationUri").textValue();
    String schemeUri =
        config.get("authenticationSchemes").get(0).get("documentationUri").textValue();
    assertThat(schemeUri).isEqualTo(documentationUri + "#base-url-and-token");
    ScimClient anonymous = new ScimClient(documentationUri, Map.of());

    HttpResult result = anonymous.get("");

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.header("Content-Type")).isEqualTo("text/html;charset=utf-8");
    assertThat(result.header("Content-Security-Policy"))
        .isEqualTo(
            "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none';"
                + " frame-ancestors 'none'");
    assertThat(result.body())
        .startsWith("<!doctype html>")
        .contains("<title>Connecting an identity provider to ClassLark</title>")
        .contains("<link rel=\"stylesheet\" href=\"docs/guide.css\">")
        .contains("<h2 id=\"base-url-and-token\">Base URL and token</h2>")
        .contains("<h2 id=\"microsoft-entra-id\">Microsoft Entra ID</h2>")
        .contains("<table>")
        .doesNotContain("<script");
    HttpResult underPrefix = new ScimClient(server.baseUrl(), Map.of()).get("/scim/v2/docs");
    assertThat(underPrefix.status()).isEqualTo(200);
    assertThat(underPrefix.body()).isEqualTo(result.body());
  }

  @Test
  void theGuidesStylesheetIsServedBesideIt() {
    for (String page : List.of("/docs", "/scim/v2/docs")) {
      HttpResult css = new ScimClient(server.baseUrl(), Map.of()).get(page + "/guide.css");
      assertThat(css.status()).isEqualTo(200);
      assertThat(css.header("Content-Type")).isEqualTo("text/css; charset=utf-8");
      assertThat(css.body()).contains("font:");
    }
  }

  @Test
  void theDevelopersReadmeIsNoLongerServed() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    for (String path : List.of("/docs", "/README.md", "/docs/README.md", "/scim/v2/docs")) {
      HttpResult result = new ScimClient(server.baseUrl(), Map.of()).get(path);
      assertThat(result.body()).as(path).doesNotContain("## Development").isNotEqualTo(readme);
    }
    assertThat(new ScimClient(server.baseUrl(), Map.of()).get("/README.md").status())
        .isEqualTo(404);
  }

  @Test
  void documentationUriFollowsTheBaseUrlTheClientUsed() {
    JsonNode underPrefix = client.get("/scim/v2/ServiceProviderConfig").json();

    assertThat(underPrefix.get("documentationUri").textValue())
        .isEqualTo(server.baseUrl() + "/scim/v2/docs");
  }

  @Test
  void patchWorksAsAdvertised() {
    assertThat(config.get("patch").get("supported").booleanValue()).isTrue();
    String id = createUser(uniqueEmail("patch"));

    HttpResult result =
        client.patch(
            "/Users/" + id,
            json(
                "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'replace',"
                    + "'path':'name.givenName','value':'Patched'}]}"));

    assertThat(result.status()).isEqualTo(200);
    assertThat(client.get("/Users/" + id).json().get("name").get("givenName").textValue())
        .isEqualTo("Patched");
  }

  @Test
  void bulkWorksWithinTheAdvertisedLimits() {
    JsonNode bulk = config.get("bulk");
    assertThat(bulk.get("supported").booleanValue()).isTrue();
    String userName = uniqueEmail("bulk");

    HttpResult result =
        client.post(
            "/Bulk",
            json(
                    "{'schemas':['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],'Operations':["
                        + "{'method':'POST','path':'/Users','bulkId':'one','data':")
                + staff(userName)
                + "}]}");

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.json().get("Operations").get(0).get("status").textValue()).isEqualTo("201");

    List<String> operations = new ArrayList<>();
    for (int index = 0; index <= bulk.get("maxOperations").intValue(); index++) {
      operations.add("{\"method\":\"DELETE\",\"path\":\"/Users/none\"}");
    }
    HttpResult tooMany =
        client.post(
            "/Bulk",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":["
                + String.join(",", operations)
                + "]}");
    assertThat(tooMany.status()).isEqualTo(413);

    int maxPayloadSize = bulk.get("maxPayloadSize").intValue();
    String padded =
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":[]}";
    HttpResult tooLarge =
        client.post("/Bulk", padded + " ".repeat(maxPayloadSize + 1 - padded.length()));
    assertThat(tooLarge.status()).isEqualTo(413);
    HttpResult justFits =
        client.post("/Bulk", padded + " ".repeat(maxPayloadSize - padded.length()));
    assertThat(justFits.status()).isEqualTo(200);
  }

  @Test
  void filterWorksAndLargerCountsAreAccepted() {
    assertThat(config.get("filter").get("supported").booleanValue()).isTrue();
    int maxResults = config.get("filter").get("maxResults").intValue();
    String prefix = threeUsers();

    HttpResult result =
        client.get(
            "/Users?count="
                + (maxResults + 1)
                + "&filter="
                + filter("userName sw \"" + prefix + "\" and name.familyName eq \"Adams\""));

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.json().get("totalResults").intValue()).isEqualTo(1);
    assertThat(familyNames(result.json())).containsExactly("Adams");
  }

  @Test
  void sortWorks() {
    assertThat(config.get("sort").get("supported").booleanValue()).isTrue();
    String prefix = threeUsers();

    HttpResult result =
        client.get(
            "/Users?sortBy=name.familyName&sortOrder=descending&filter="
                + filter("userName sw \"" + prefix + "\""));

    assertThat(familyNames(result.json())).containsExactly("Cole", "Baker", "Adams");
  }

  @Test
  void etagsWork() {
    assertThat(config.get("etag").get("supported").booleanValue()).isTrue();
    String id = createUser(uniqueEmail("etag"));
    HttpResult read = client.get("/Users/" + id);
    String etag = read.header("ETag");
    assertThat(etag).isEqualTo(read.json().get("meta").get("version").textValue());

    assertThat(client.send("GET", "/Users/" + id, null, Map.of("If-None-Match", etag)).status())
        .isEqualTo(304);
    assertThat(client.send("DELETE", "/Users/" + id, null, Map.of("If-Match", "W/\"99\"")).status())
        .isEqualTo(412);
  }

  @Test
  void indexAndCursorPaginationWork() {
    JsonNode pagination = config.get("pagination");
    assertThat(pagination.get("index").booleanValue()).isTrue();
    assertThat(pagination.get("cursor").booleanValue()).isTrue();
    String prefix = threeUsers();
    String query =
        "/Users?sortBy=name.familyName&filter=" + filter("userName sw \"" + prefix + "\"");

    JsonNode second = client.get(query + "&startIndex=2&count=1").json();
    assertThat(second.get("totalResults").intValue()).isEqualTo(3);
    assertThat(second.get("startIndex").intValue()).isEqualTo(2);
    assertThat(second.get("itemsPerPage").intValue()).isEqualTo(1);
    assertThat(familyNames(second)).containsExactly("Baker");

    JsonNode firstPage = client.get(query + "&cursor=&count=2").json();
    assertThat(familyNames(firstPage)).containsExactly("Adams", "Baker");
    String next = firstPage.get("nextCursor").textValue();
    JsonNode lastPage = client.get(query + "&count=2&cursor=" + filter(next)).json();
    assertThat(familyNames(lastPage)).containsExactly("Cole");
    assertThat(lastPage.has("nextCursor")).isFalse();
  }
}
