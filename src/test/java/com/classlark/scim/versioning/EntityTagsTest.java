package com.classlark.scim.versioning;

import static com.classlark.scim.testing.Bodies.error;
import static com.classlark.scim.testing.Bodies.json;
import static com.classlark.scim.testing.Bodies.staff;
import static com.classlark.scim.testing.Bodies.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ServerPerEngine;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ETags of single Users and Groups (RFC 7644 §3.14): the {@code ETag} header is {@code
 * meta.version} on every response, {@code If-Match} guards writes, {@code If-None-Match} saves
 * reads, and tags compare weakly.
 */
class EntityTagsTest extends ServerPerEngine {

  /** A resource of one endpoint with bodies to create, replace and patch it. */
  record Resource(String endpoint, String id, String replacement, String patch) {
    String path() {
      return endpoint + "/" + id;
    }
  }

  private static Resource create(String endpoint) {
    String body;
    String replacement;
    String patch;
    if (endpoint.equals("/Users")) {
      String userName = uniqueEmail("etag");
      body = staff(userName);
      replacement = staff(userName).replace("Jane", "Janet");
      patch =
          json(
              "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'replace',"
                  + "'path':'title','value':'Head of Year'}]}");
    } else {
      String displayName = "ETag " + UUID.randomUUID().toString().substring(0, 8);
      body =
          json(
              "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'displayName':'"
                  + displayName
                  + "'}");
      replacement =
          json(
              "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'displayName':'"
                  + displayName
                  + "','externalId':'g-1'}");
      patch =
          json(
              "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'replace',"
                  + "'path':'displayName','value':'"
                  + displayName
                  + " renamed'}]}");
    }
    HttpResult created = client.post(endpoint, body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertEtagIsMetaVersion(created, "W/\"1\"");
    return new Resource(endpoint, created.json().get("id").textValue(), replacement, patch);
  }

  private static void assertEtagIsMetaVersion(HttpResult result, String version) {
    assertThat(result.header("ETag")).as(result.body()).isEqualTo(version);
    assertThat(result.json().get("meta").get("version").textValue()).isEqualTo(version);
  }

  private static HttpResult send(
      String method, Resource resource, String body, String header, String tag) {
    return client.send(method, resource.path(), body, Map.of(header, tag));
  }

  private static String stale(int currentVersion) {
    return error(
        412,
        null,
        "The resource has changed: its current version is W/\""
            + currentVersion
            + "\". Read it again and retry with that If-Match.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/Users", "/Groups"})
  void etagHeaderIsMetaVersionOnEveryResponse(String endpoint) {
    Resource resource = create(endpoint);

    HttpResult read = client.get(resource.path());
    assertThat(read.status()).isEqualTo(200);
    assertEtagIsMetaVersion(read, "W/\"1\"");

    HttpResult replaced = client.put(resource.path(), resource.replacement());
    assertThat(replaced.status()).isEqualTo(200);
    assertEtagIsMetaVersion(replaced, "W/\"2\"");

    HttpResult patched = client.patch(resource.path(), resource.patch());
    if (endpoint.equals("/Users")) {
      assertThat(patched.status()).isEqualTo(200);
      assertEtagIsMetaVersion(patched, "W/\"3\"");
    } else {
      assertThat(patched.status()).isEqualTo(204);
      assertThat(patched.body()).isEmpty();
      assertThat(patched.header("ETag")).isEqualTo("W/\"3\"");
    }
    assertEtagIsMetaVersion(client.get(resource.path()), "W/\"3\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/Users", "/Groups"})
  void staleIfMatchOnPutPatchAndDeleteIs412AndChangesNothing(String endpoint) {
    Resource resource = create(endpoint);

    HttpResult put = send("PUT", resource, resource.replacement(), "If-Match", "W/\"7\"");
    HttpResult patch = send("PATCH", resource, resource.patch(), "If-Match", "W/\"7\"");
    HttpResult delete = send("DELETE", resource, null, "If-Match", "W/\"7\"");

    for (HttpResult result : new HttpResult[] {put, patch, delete}) {
      assertThat(result.status()).isEqualTo(412);
      assertThat(result.header("Content-Type")).isEqualTo("application/scim+json; charset=utf-8");
      assertThat(result.json()).isEqualTo(Bodies.parse(stale(1)));
    }
    assertEtagIsMetaVersion(client.get(resource.path()), "W/\"1\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/Users", "/Groups"})
  void currentIfMatchIsAcceptedWeakStrongListedOrStar(String endpoint) {
    Resource resource = create(endpoint);

    assertThat(send("PUT", resource, resource.replacement(), "If-Match", "\"1\"").status())
        .isEqualTo(200);
    assertThat(send("PATCH", resource, resource.patch(), "If-Match", "W/\"9\", W/\"2\"").status())
        .isBetween(200, 204);
    assertThat(send("DELETE", resource, null, "If-Match", "*").status()).isEqualTo(204);
    assertThat(client.get(resource.path()).status()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/Users", "/Groups"})
  void ifNoneMatchWithTheCurrentVersionIs304(String endpoint) {
    Resource resource = create(endpoint);

    for (String tag : new String[] {"W/\"1\"", "\"1\"", "W/\"5\", W/\"1\"", "*"}) {
      HttpResult notModified = send("GET", resource, null, "If-None-Match", tag);
      assertThat(notModified.status()).as(tag).isEqualTo(304);
      assertThat(notModified.header("ETag")).isEqualTo("W/\"1\"");
      assertThat(notModified.body()).isEmpty();
    }
    HttpResult changed = send("GET", resource, null, "If-None-Match", "W/\"0\"");
    assertThat(changed.status()).isEqualTo(200);
    assertEtagIsMetaVersion(changed, "W/\"1\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/Users", "/Groups"})
  void ifMatchOnAMissingResourceIs404(String endpoint) {
    Resource missing = new Resource(endpoint, UUID.randomUUID().toString(), null, null);

    HttpResult result = send("DELETE", missing, null, "If-Match", "W/\"1\"");

    assertThat(result.status()).isEqualTo(404);
  }
}
