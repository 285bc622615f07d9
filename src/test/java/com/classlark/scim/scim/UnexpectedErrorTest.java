package com.classlark.scim.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.app.Services;
import com.classlark.scim.store.Database;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.TestDatabase;
import com.classlark.scim.web.HttpSettings;
import com.classlark.scim.web.WebServer;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An exception nobody expected becomes a generic 500 with a correlation id, never internals. */
class UnexpectedErrorTest {

  @Test
  void unexpectedExceptionBecomesGeneric500WithCorrelationId() {
    try (TestDatabase testDatabase = TestDatabase.create(Engine.SQLITE);
        Database database = Database.open(testDatabase.target())) {
      database.migrate();
      Services services = Services.over(database, Clock.systemUTC());
      String schoolId = services.accounts().create("Failing School").id();
      String token = services.tokens().issue(schoolId, null, null).secret();
      ScimRoutes failing =
          router ->
              router.get(
                  "/Boom",
                  ctx -> {
                    throw new IllegalStateException("secret internal state: password=hunter2");
                  });
      try (WebServer server =
          WebServer.create(
                  new HttpSettings("127.0.0.1", 0, 4096, null),
                  database::isReachable,
                  List.of(new ScimAdapter(services.tokens(), List.of(failing))))
              .start()) {
        HttpResult result =
            ScimClient.withToken("http://127.0.0.1:" + server.port(), token).get("/Boom");

        assertThat(result.status()).isEqualTo(500);
        String correlationId = result.header("X-Correlation-Id");
        assertThat(correlationId).matches("[0-9a-f-]{36}");
        assertThat(result.body())
            .isEqualTo(
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"500\","
                    + "\"detail\":\"An internal error occurred. Quote correlation id "
                    + correlationId
                    + " to ClassLark support.\"}");
      }
    }
  }
}
