package com.classlark.scim.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.scim.BulkSettings;
import com.classlark.scim.scim.QuerySettings;
import com.classlark.scim.store.Database.SchemaState;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.MutableClock;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.TestDatabase;
import com.classlark.scim.web.HttpSettings;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A starting service listens before its database is open and migrated: {@code /healthz} answers at
 * once, {@code /readyz} and every other request get 503 with {@code Retry-After} in the format of
 * the adapter that owns the path, and nothing touches the database until it is opened.
 */
class ApplicationStartupTest {
  private static final String STARTING = "The service is starting; try again in 1 second.";

  @ParameterizedTest
  @EnumSource(Engine.class)
  void beforeTheDatabaseIsOpenOnlyHealthAnswersAndEveryAdapterSaysItIsStarting(Engine engine) {
    try (TestDatabase database = TestDatabase.create(engine)) {
      AppConfig config =
          new AppConfig(
              database.target(),
              new HttpSettings("127.0.0.1", 0, HttpSettings.DEFAULT_MAX_BODY_BYTES, null),
              QuerySettings.DEFAULT,
              BulkSettings.DEFAULT,
              true);
      try (Application application =
          Application.listen(config, new MutableClock(Instant.now()), Map.of())) {
        ScimClient client =
            new ScimClient("http://127.0.0.1:" + application.port(), Map.of())
                .withHeader("Authorization", "Bearer clsk_not-looked-up");

        assertThat(client.get("/healthz")).satisfies(answered(200, "text/plain", "ok"));
        assertThat(client.get("/readyz")).satisfies(answered(503, "text/plain", "starting"));
        assertThat(client.get("/scim/v2/Users?count=1"))
            .satisfies(
                refusedWhileStarting(
                    "application/scim+json; charset=utf-8",
                    "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],"
                        + "\"status\":\"503\",\"detail\":\""
                        + STARTING
                        + "\"}"));
        assertThat(client.get("/api/v1/staff"))
            .satisfies(
                refusedWhileStarting(
                    "application/problem+json",
                    "{\"type\":\"https://classlark.com/problems/unavailable\","
                        + "\"title\":\"Service unavailable\",\"status\":503,\"detail\":\""
                        + STARTING
                        + "\"}"));
        HttpResult console = client.get("/console/sign-in");
        assertThat(console.status()).isEqualTo(503);
        assertThat(console.header("Content-Type")).isEqualTo("text/html;charset=utf-8");
        assertThat(console.header("Retry-After")).isEqualTo("1");
        assertThat(console.body())
            .contains("<h1>The console is starting</h1>")
            .contains("Nothing was changed. Try again in a moment.");
        assertThat(application.services().database().schemaState())
            .as("nothing is migrated before openDatabase")
            .isEqualTo(SchemaState.EMPTY);

        application.openDatabase(config);

        assertThat(client.get("/readyz")).satisfies(answered(200, "text/plain", "ready"));
        assertThat(client.get("/scim/v2/Users?count=1").status()).isEqualTo(401);
        assertThat(client.get("/console/sign-in").status()).isEqualTo(200);
      }
    }
  }

  private static java.util.function.Consumer<HttpResult> refusedWhileStarting(
      String contentType, String body) {
    return answered(503, contentType, body)
        .andThen(result -> assertThat(result.header("Retry-After")).isEqualTo("1"));
  }

  private static java.util.function.Consumer<HttpResult> answered(
      int status, String contentType, String body) {
    return result -> {
      assertThat(result.status()).isEqualTo(status);
      assertThat(result.header("Content-Type")).isEqualTo(contentType);
      assertThat(result.body()).isEqualTo(body);
    };
  }
}
