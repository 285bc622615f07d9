package com.classlark.scim.api;

import static com.classlark.scim.testing.ApiClients.assertProblem;
import static com.classlark.scim.testing.ApiClients.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.app.Services;
import com.classlark.scim.directory.ApiKeyRole;
import com.classlark.scim.scim.ScimAdapter;
import com.classlark.scim.store.Database;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.TestDatabase;
import com.classlark.scim.web.HttpSettings;
import com.classlark.scim.web.WebServer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An exception nobody expected is a generic 500 problem quoting the correlation id. */
class ApiUnexpectedErrorTest {

  @Test
  void unexpectedExceptionIsAnInternalProblemWithTheCorrelationId() {
    try (TestDatabase testDatabase = TestDatabase.create(Engine.SQLITE);
        Database database = Database.open(testDatabase.target())) {
      database.migrate();
      Services services = Services.over(database, Clock.systemUTC());
      String key = services.apiKeys().issue(ApiKeyRole.APP, null).secret();
      ApiRoutes failing =
          routes ->
              routes.get(
                  ApiAdapter.PREFIX + "/boom",
                  ctx -> {
                    throw new IllegalStateException("secret internal state: password=hunter2");
                  });
      try (WebServer server =
          WebServer.create(
                  new HttpSettings("127.0.0.1", 0, 4096, null),
                  database::isReachable,
                  List.of(
                      new ScimAdapter(services.tokens(), List.of()),
                      new ApiAdapter(services.apiKeys(), List.of(failing))))
              .start()) {
        HttpResult result =
            new ScimClient(
                    "http://127.0.0.1:" + server.port(), Map.of("Authorization", "Bearer " + key))
                .get("/api/v1/boom");

        String correlationId = result.header("X-Correlation-Id");
        assertThat(correlationId).matches("[0-9a-f-]{36}");
        assertProblem(
            result,
            500,
            problem(
                "internal",
                "Internal error",
                500,
                "An internal error occurred. Quote correlation id "
                    + correlationId
                    + " to ClassLark support."));
      }
    }
  }
}
