package com.classlark.scim.queries;

import static com.classlark.scim.testing.Bodies.error;
import static com.classlark.scim.testing.Bodies.json;
import static com.classlark.scim.testing.Bodies.staff;
import static com.classlark.scim.testing.Bodies.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.protocol.filter.FilterLimits;
import com.classlark.scim.scim.QuerySettings;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ServerPerEngine;
import com.classlark.scim.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * The filter limits configured for the service ({@code --max-filter-length}, {@code
 * --max-filter-depth}) bound every filter and every PATCH path it parses, not only query filters.
 */
class ConfiguredFilterLimitsTest extends ServerPerEngine {
  private static final FilterLimits LIMITS = new FilterLimits(40, 2);
  private static final String LONG_PATH = "emails[type eq \"work\" and value ew \"example\"].value";

  /** Hides {@link ServerPerEngine}'s default server: this class needs other settings. */
  @BeforeParameterizedClassInvocation
  static void startServer(Engine engine) {
    start(
        TestServer.start(
            engine,
            config ->
                config.withQueries(
                    new QuerySettings(
                        QuerySettings.DEFAULT.defaultPageSize(),
                        QuerySettings.DEFAULT.maxPageSize(),
                        LIMITS))));
  }

  private static String patch(String path) {
    return json(
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
            + "{'op':'replace','path':'"
            + path.replace("\"", "\\\"")
            + "','value':'x@school.example'}]}");
  }

  private static JsonNode tooLongPath(String where, int length) {
    return Bodies.parse(
        error(
            400,
            "invalidPath",
            where + ": the path is " + length + " characters long; the limit is 40"));
  }

  @Test
  void aUserPatchPathLongerThanTheConfiguredLimitIsRefused() {
    String id = client.post("/Users", staff(uniqueEmail("limits"))).json().get("id").textValue();

    HttpResult result = client.patch("/Users/" + id, patch(LONG_PATH));

    assertThat(result.json()).isEqualTo(tooLongPath("Operations[0].path", LONG_PATH.length()));
  }

  @Test
  void aGroupPatchPathLongerThanTheConfiguredLimitIsRefused() {
    String id =
        client
            .post("/Groups", json("{'displayName':'Limits " + engine + "'}"))
            .json()
            .get("id")
            .textValue();

    HttpResult result = client.patch("/Groups/" + id, patch(LONG_PATH));

    assertThat(result.json()).isEqualTo(tooLongPath("Operations[0].path", LONG_PATH.length()));
  }

  @Test
  void aKeyOfAPathlessValueLongerThanTheConfiguredLimitIsRefused() {
    String id = client.post("/Users", staff(uniqueEmail("limits"))).json().get("id").textValue();
    String key = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department";

    HttpResult result =
        client.patch(
            "/Users/" + id,
            json(
                "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                    + "{'op':'replace','value':{'"
                    + key
                    + "':''}}]}"));

    assertThat(result.json()).isEqualTo(tooLongPath("a key of the value", key.length()));
  }

  @Test
  void aPathlessValueWithKeysWithinTheConfiguredLimitApplies() {
    JsonNode created = client.post("/Users", staff(uniqueEmail("limits"))).json();
    String id = created.get("id").textValue();
    ObjectNode expected = (ObjectNode) Bodies.withoutMeta(created);
    ((ObjectNode) expected.get("name")).put("givenName", "Ada");

    HttpResult result =
        client.patch(
            "/Users/" + id,
            json(
                "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                    + "{'op':'replace','value':{'name.givenName':'Ada','title':''}}]}"));

    assertThat(result.status()).isEqualTo(200);
    assertThat(Bodies.withoutMeta(result.json())).isEqualTo(expected);
  }

  @Test
  void aQueryFilterLongerThanTheConfiguredLimitIsRefused() {
    HttpResult result =
        client.get("/Users?filter=" + URLEncoder.encode(LONG_PATH + " pr", StandardCharsets.UTF_8));

    assertThat(result.json())
        .isEqualTo(
            Bodies.parse(
                error(
                    400,
                    "invalidFilter",
                    "the filter is "
                        + (LONG_PATH.length() + 3)
                        + " characters long; the limit is 40")));
  }
}
