package com.classlark.scim.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.ServiceProcess;
import com.classlark.scim.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * A service whose heap runs out ends (a supervisor restarts it) instead of hanging with a full
 * heap: the service's JVM options from {@code scripts/find-java.sh}, with a heap made too small for
 * eight concurrent creates of 1.9 MB each.
 */
class OutOfMemoryExitIT {

  @Test
  void theProcessExitsWhenItsHeapRunsOut() throws Exception {
    try (TestDatabase database = TestDatabase.create(Engine.SQLITE)) {
      String token = ServiceProcess.provision(database);
      try (ServiceProcess service =
          ServiceProcess.start(
              database, Map.of("CLASSLARK_JAVA_OPTS", "-XX:+UseSerialGC -Xmx24m"))) {
        String body =
            "{\"userName\":\"big@school.example\",\"name\":{\"givenName\":\"Big\","
                + "\"familyName\":\"Body\"},\"userType\":\"Staff\",\"title\":\""
                + "x".repeat(1_900_000)
                + "\"}";
        HttpClient http = HttpClient.newHttpClient();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
          for (int i = 0; i < 8; i++) {
            clients.submit(
                () ->
                    http.send(
                        HttpRequest.newBuilder(URI.create(service.baseUrl() + "/Users"))
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/scim+json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                        HttpResponse.BodyHandlers.discarding()));
          }
          int status = service.awaitExit(Duration.ofSeconds(120));

          assertThat(status).isNotZero();
          assertThat(service.output())
              .contains("Terminating due to java.lang.OutOfMemoryError: Java heap space");
        }
      }
    }
  }
}
