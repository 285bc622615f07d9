package com.classlark.scim.api;

import static com.classlark.scim.testing.ApiClients.assertProblem;
import static com.classlark.scim.testing.ApiClients.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.ApiKeyRole;
import com.classlark.scim.directory.IssuedApiKey;
import com.classlark.scim.testing.ApiClients;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may call the directory API: API keys by role, never a SCIM token, and never an API key on the
 * SCIM endpoints.
 */
class ApiAuthenticationTest extends ServerPerEngine {
  private static final String SUPPORT_ONLY = "/api/v1/schools";

  private String appRoute() {
    return "/api/v1/schools/" + server.school().id();
  }

  private static HttpResult getWith(Map<String, String> headers, String path) {
    return new ScimClient(server.baseUrl(), headers).get(path);
  }

  private static void assertUnauthorized(HttpResult result, String detail) {
    assertProblem(result, 401, problem("unauthorized", "Unauthorized", 401, detail));
  }

  @Test
  void noAuthorizationHeaderIsUnauthorized() {
    HttpResult result = getWith(Map.of(), SUPPORT_ONLY);

    assertUnauthorized(
        result, "Authentication required: send an API key as 'Authorization: Bearer <key>'.");
    assertThat(result.header("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @Test
  void anotherSchemeIsUnauthorized() {
    HttpResult result = getWith(Map.of("Authorization", "Basic dXNlcjpwYXNz"), SUPPORT_ONLY);

    assertUnauthorized(
        result, "The Authorization header must be 'Bearer' followed by one API key.");
  }

  @Test
  void unknownKeyIsUnauthorized() {
    HttpResult result = ApiClients.withKey(server, "clak_notARealKeyAtAll").get(appRoute());

    assertUnauthorized(
        result,
        "This is not a valid API key. Check that the whole key was copied; ask ClassLark"
            + " support for a new one if it was lost.");
  }

  @Test
  void revokedKeyIsRefusedWithinASecond() {
    IssuedApiKey issued =
        server.application().services().apiKeys().issue(ApiKeyRole.SUPPORT, "to revoke");
    ScimClient client = ApiClients.withKey(server, issued.secret());
    assertThat(client.get(SUPPORT_ONLY).status()).isEqualTo(200);

    server.application().services().apiKeys().revoke(issued.key().id());
    server.clock().advance(Duration.ofSeconds(1));

    assertUnauthorized(
        client.get(SUPPORT_ONLY), "This API key was revoked. Ask ClassLark support for a new key.");
  }

  @Test
  void schoolScimTokenIsUnauthorizedOnTheDirectoryApi() {
    HttpResult result = ApiClients.withKey(server, server.token()).get(appRoute());

    assertUnauthorized(
        result,
        "This is a school's SCIM token, which works only on the SCIM endpoints. The directory"
            + " API needs an API key (it starts with clak_).");
  }

  @Test
  void apiKeyIsUnauthorizedOnScimEndpoints() {
    String key =
        server.application().services().apiKeys().issue(ApiKeyRole.SUPPORT, "wrong door").secret();

    HttpResult result = ScimClient.withToken(server.baseUrl(), key).get("/Users");

    assertThat(result.status()).isEqualTo(401);
    assertThat(result.json())
        .isEqualTo(
            com.classlark.scim.testing.Bodies.tree(
                com.classlark.scim.testing.Bodies.error(
                    401,
                    null,
                    "This is a ClassLark API key, which works only on /api/v1. SCIM endpoints need"
                        + " the school's SCIM token.")));
  }

  @Test
  void appKeyIsForbiddenOnSupportOnlyRoutes() {
    HttpResult result = ApiClients.withNewKey(server, ApiKeyRole.APP).get(SUPPORT_ONLY);

    assertProblem(
        result,
        403,
        problem(
            "forbidden",
            "Forbidden",
            403,
            "Only a caller with the support role may list schools."));
  }

  @Test
  void appKeyMayReadASchoolAndSupportKeyMayDoWhatAppMay() {
    assertThat(ApiClients.withNewKey(server, ApiKeyRole.APP).get(appRoute()).status())
        .isEqualTo(200);
    assertThat(ApiClients.withNewKey(server, ApiKeyRole.SUPPORT).get(appRoute()).status())
        .isEqualTo(200);
  }

  @Test
  void overlongActorIsAValidationProblem() {
    HttpResult result =
        ApiClients.withNewKey(server, ApiKeyRole.APP)
            .withHeader("X-ClassLark-Actor", "a".repeat(310) + "@school.example")
            .get(appRoute());

    assertProblem(
        result,
        400,
        ApiClients.validation(
            "X-ClassLark-Actor", "X-ClassLark-Actor", "must be at most 320 characters"));
  }
}
