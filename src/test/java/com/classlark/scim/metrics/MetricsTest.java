package com.classlark.scim.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import com.classlark.scim.testing.TestServer;
import com.classlark.scim.web.FairnessSettings;
import com.classlark.scim.web.ManagementSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * {@code GET /metrics} on the management port after real traffic on both engines: the series and
 * their labels, and nothing in the whole scrape that identifies a school, a person or a token.
 */
class MetricsTest extends ServerPerEngine {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*})? (.+)$");
  private static final int BURST = 25;

  static ScimClient management;
  static String scrape;
  static Map<String, Double> samples;
  static final List<String> identifiers = new ArrayList<>();

  /**
   * Hides {@link ServerPerEngine}'s default server: this class needs a management port and a rate
   * limit, and scrapes once after all its traffic.
   */
  @BeforeParameterizedClassInvocation
  static void startServer(Engine engine) {
    start(
        TestServer.start(
            engine,
            config ->
                config
                    .withFairness(new FairnessSettings(1, BURST, 0, Duration.ZERO))
                    .withManagement(new ManagementSettings("127.0.0.1", 0))));
    runTrafficAndScrape();
  }

  private static void runTrafficAndScrape() {
    identifiers.clear();
    management =
        new ScimClient(
            "http://127.0.0.1:" + server.application().managementPort().orElseThrow(), Map.of());
    String email = Bodies.uniqueEmail("metrics.person");
    HttpResult created = client.post("/scim/v2/Users", Bodies.staff(email));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().path("id").asText();
    assertThat(client.get("/scim/v2/Users/" + id).status()).isEqualTo(200);
    assertThat(client.get("/scim/v2/Users/" + id).status()).isEqualTo(200);
    assertThat(client.post("/scim/v2/Users", Bodies.staff(email)).status()).isEqualTo(409);
    assertThat(client.get("/scim/v2/Users?filter=userName%20zz%20%22x%22").status()).isEqualTo(400);
    String unmatchedEmail = Bodies.uniqueEmail("in.a.path");
    assertThat(client.get("/scim/v2/Things/" + unmatchedEmail).status()).isEqualTo(404);
    assertThat(client.get("/scim/v2/Users/" + unmatchedEmail).status()).isEqualTo(404);
    assertThat(
            client
                .withHeader("Authorization", "Bearer clsk_unknown")
                .get("/scim/v2/Users")
                .status())
        .isEqualTo(401);
    ScimClient flooding = server.clientForNewSchool("Flooding School");
    for (int i = 0; i <= BURST; i++) {
      flooding.get("/scim/v2/ServiceProviderConfig");
    }
    identifiers.addAll(
        List.of(
            email,
            id,
            unmatchedEmail,
            server.school().id(),
            server.token(),
            server.application().services().tokens().list(server.school().id()).getFirst().id()));

    server.awaitLogWritten();
    HttpResult metrics = management.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.header("Content-Type")).startsWith("text/plain; version=0.0.4");
    scrape = metrics.body();
    samples = parse(scrape);
  }

  private static Map<String, Double> parse(String text) {
    Map<String, Double> parsed = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      assertThat(sample.matches()).as("a sample line: %s", line).isTrue();
      parsed.put(
          sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)),
          Double.parseDouble(sample.group(3)));
    }
    return parsed;
  }

  private static Double sample(String series) {
    return samples.get(series);
  }

  private static List<String> seriesOf(String metric) {
    return samples.keySet().stream().filter(series -> series.startsWith(metric + "{")).toList();
  }

  @Test
  void requestsAreCountedByRouteTemplateMethodAndStatus() {
    assertThat(
            sample(
                "http_server_requests_seconds_count{method=\"GET\",route=\"/scim/v2/Users/{id}\",status=\"200\"}"))
        .isEqualTo(2.0);
    assertThat(
            sample(
                "http_server_requests_seconds_count{method=\"POST\",route=\"/scim/v2/Users\",status=\"201\"}"))
        .isEqualTo(1.0);
    assertThat(
            sample(
                "http_server_requests_seconds_count{method=\"POST\",route=\"/scim/v2/Users\",status=\"409\"}"))
        .isEqualTo(1.0);
    assertThat(
            sample(
                "http_server_requests_seconds_count{method=\"GET\",route=\"/scim/v2/ServiceProviderConfig\",status=\"429\"}"))
        .isEqualTo(1.0);
  }

  @Test
  void unmatchedPathsShareOneSeries() {
    assertThat(
            sample(
                "http_server_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"}"))
        .isEqualTo(1.0);
    assertThat(seriesOf("http_server_requests_seconds_count"))
        .allSatisfy(series -> assertThat(series).doesNotContain("Things"));
  }

  @Test
  void latencyIsAHistogramPerRoute() {
    String route = "method=\"GET\",route=\"/scim/v2/Users/{id}\",status=\"200\"";
    for (String bound : List.of("0.005", "0.05", "0.1", "0.5", "1.0", "10.0")) {
      assertThat(sample("http_server_requests_seconds_bucket{" + route + ",le=\"" + bound + "\"}"))
          .as("bucket %s", bound)
          .isBetween(0.0, 2.0);
    }
    assertThat(sample("http_server_requests_seconds_bucket{" + route + ",le=\"+Inf\"}"))
        .isEqualTo(2.0);
    assertThat(sample("http_server_requests_seconds_sum{" + route + "}")).isPositive();
  }

  @Test
  void rateLimitedRequestsAreCountedByLimit() {
    assertThat(sample("classlark_rate_limited_total{limit=\"rate\"}")).isEqualTo(1.0);
  }

  @Test
  void scimErrorsAreCountedByScimType() {
    assertThat(sample("scim_errors_total{scimType=\"uniqueness\",status=\"409\"}")).isEqualTo(1.0);
    assertThat(sample("scim_errors_total{scimType=\"invalidFilter\",status=\"400\"}"))
        .isEqualTo(1.0);
    assertThat(sample("scim_errors_total{scimType=\"none\",status=\"401\"}")).isEqualTo(1.0);
    assertThat(sample("scim_errors_total{scimType=\"none\",status=\"404\"}")).isEqualTo(2.0);
    assertThat(sample("scim_errors_total{scimType=\"none\",status=\"429\"}")).isEqualTo(1.0);
  }

  @Test
  void thePoolReportsItsConnections() {
    String pool = engine == Engine.SQLITE ? "classlark-sqlite" : "classlark-postgresql";
    assertThat(sample("hikaricp_connections_pending{pool=\"" + pool + "\"}")).isZero();
    assertThat(sample("hikaricp_connections_max{pool=\"" + pool + "\"}"))
        .isEqualTo(engine == Engine.SQLITE ? 8.0 : 16.0);
    assertThat(sample("hikaricp_connections_active{pool=\"" + pool + "\"}")).isNotNull();
  }

  @Test
  void theLimiterReportsTheSchoolsItTracksAndTheRequestsItAdmitted() {
    assertThat(sample("classlark_fairness_schools_tracked")).isBetween(1.0, 3.0);
    assertThat(sample("classlark_fairness_requests_admitted")).isZero();
  }

  @Test
  void theProvisioningLogReportsItsQueue() {
    assertThat(sample("provisioning_log_pending")).isZero();
    assertThat(sample("provisioning_log_dropped_total")).isZero();
    assertThat(sample("provisioning_log_failed_total")).isZero();
  }

  @Test
  void theJvmReportsMemoryAndGarbageCollection() {
    assertThat(seriesOf("jvm_memory_used_bytes"))
        .anySatisfy(series -> assertThat(series).contains("area=\"heap\""));
    assertThat(sample("jvm_gc_live_data_size_bytes")).isNotNull();
    assertThat(sample("jvm_memory_usage_after_gc{area=\"heap\",pool=\"long-lived\"}")).isNotNull();
    assertThat(sample("jvm_threads_live_threads")).isPositive();
  }

  @Test
  void noSeriesNamesASchoolAPersonOrAToken() {
    assertThat(identifiers).hasSize(6);
    for (String identifier : identifiers) {
      assertThat(scrape).doesNotContain(identifier);
    }
    assertThat(scrape).doesNotContain("@school.example");
  }

  @Test
  void theManagementPortAnswersHealthAndReadiness() {
    HttpResult health = management.get("/healthz");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("ok");
    HttpResult ready = management.get("/readyz");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("ready");
  }

  @Test
  void theMainPortHasNoMetrics() {
    for (String path : List.of("/metrics", "/scim/v2/metrics")) {
      HttpResult result = server.client().get(path);
      assertThat(result.status()).as(path).isEqualTo(404);
      assertThat(result.body()).doesNotContain("jvm_");
    }
  }

  @Test
  void withoutAManagementPortThereIsNone() {
    try (TestServer plain = TestServer.start(engine)) {
      assertThat(plain.application().managementPort()).isEmpty();
    }
  }
}
