package com.classlark.scim.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.app.AppConfig;
import com.classlark.scim.app.Application;
import com.classlark.scim.protocol.schema.MultiValueLimit;
import com.classlark.scim.scim.BulkSettings;
import com.classlark.scim.scim.QuerySettings;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.TestDatabase;
import com.classlark.scim.web.HttpSettings;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The benchmark baseline route exists only in the harness's server, and answers without a token.
 */
class BaselineServerTest {
  private static final HttpSettings HTTP =
      new HttpSettings("127.0.0.1", 0, HttpSettings.DEFAULT_MAX_BODY_BYTES, null);

  @Test
  void baselineAnswersAFixedUserWithoutToken() {
    try (TestDatabase database = TestDatabase.create(Engine.SQLITE);
        Application application = startWithBaseline(database)) {
      HttpResult result = anonymous(application).get(BaselineServer.PATH);

      assertThat(result.status()).isEqualTo(200);
      assertThat(result.header("Content-Type")).startsWith("application/scim+json");
      assertThat(result.json().path("userName").asText())
          .isEqualTo("ada.lovelace@baseline.school.example");
      assertThat(result.json().path("meta").path("resourceType").asText()).isEqualTo("User");
    }
  }

  @Test
  void baselineIsAnUnknownRouteOfTheService() {
    try (TestDatabase database = TestDatabase.create(Engine.SQLITE);
        Application application =
            Application.start(
                new AppConfig(
                    database.target(), HTTP, QuerySettings.DEFAULT, BulkSettings.DEFAULT, true),
                Clock.systemUTC())) {
      HttpResult result = anonymous(application).get(BaselineServer.PATH);

      assertThat(result.status()).isEqualTo(404);
      assertThat(result.json().path("status").asText()).isEqualTo("404");
    }
  }

  /** The service on a random port with the harness's baseline route, as the harness runs it. */
  static Application startWithBaseline(TestDatabase database) {
    return Application.start(
        new AppConfig(
            database.target(),
            HTTP,
            QuerySettings.DEFAULT,
            BulkSettings.DEFAULT,
            MultiValueLimit.DEFAULT,
            true),
        Clock.systemUTC(),
        Map.of(BaselineServer.PATH, BaselineServer::handle));
  }

  private static ScimClient anonymous(Application application) {
    return new ScimClient("http://127.0.0.1:" + application.port(), Map.of());
  }
}
