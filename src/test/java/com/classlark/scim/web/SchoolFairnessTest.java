package com.classlark.scim.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.classlark.scim.testing.Conditions;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.MutableClock;
import com.classlark.scim.testing.ScimClient;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The per-school concurrency cap and the bound on the limiter's memory, through the one server over
 * real HTTP, with an adapter whose route holds its requests until the test lets them go: requests
 * in progress are then a fact of the test, not a matter of timing. (That the SCIM adapter is
 * admitted under both limits on both databases is shown by {@code RateLimitTest}.)
 */
class SchoolFairnessTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Authenticates {@code X-School} as the school; {@code /hold} waits for the test's signal. */
  private static final class SchoolAdapter implements WebAdapter {
    final Semaphore entered = new Semaphore(0);
    final CountDownLatch letGo = new CountDownLatch(1);

    @Override
    public List<String> pathPrefixes() {
      return List.of("");
    }

    @Override
    public void register(RoutesConfig routes) {
      routes.get("/hello", ctx -> ctx.result("hello"));
      routes.get(
          "/hold",
          ctx -> {
            entered.release();
            if (!letGo.await(60, TimeUnit.SECONDS)) {
              throw new IllegalStateException("the test never let the request go");
            }
            ctx.result("held");
          });
    }

    @Override
    public void beforeMatched(Context ctx) {
      String school = ctx.header("X-School");
      if (school != null) {
        WebRequest.authenticatedSchool(ctx, school);
      }
    }

    @Override
    public boolean writeError(Context ctx, Exception exception) {
      return false;
    }

    @Override
    public ErrorBody render(WebFailure failure, String path) {
      return new ErrorBody(
          "text/plain",
          (failure.status() + " " + failure.reason() + ": " + failure.detail())
              .getBytes(StandardCharsets.UTF_8));
    }
  }

  private final SchoolAdapter adapter = new SchoolAdapter();
  private final MutableClock clock = MutableClock.startingNow();
  private WebServer server;
  private SchoolFairness fairness;
  private Metrics metrics;

  private void start(FairnessSettings settings, int maxTrackedSchools) {
    metrics = Metrics.prometheus();
    fairness = new SchoolFairness(settings, clock, metrics, maxTrackedSchools);
    server =
        WebServer.create(
                new HttpSettings("127.0.0.1", 0, 2048, null),
                () -> true,
                List.of(adapter),
                fairness,
                Metrics.off())
            .start();
  }

  @AfterEach
  void stop() {
    adapter.letGo.countDown();
    if (server != null) {
      server.close();
    }
    if (metrics != null) {
      metrics.close();
    }
  }

  /** A gauge of the limiter, as an operator's scrape reads it. */
  private double gauge(String name) {
    return metrics.registry().orElseThrow().get(name).gauge().value();
  }

  private long trackedSchools() {
    return (long) gauge("classlark.fairness.schools.tracked");
  }

  private ScimClient school(String id) {
    return new ScimClient("http://127.0.0.1:" + server.port(), Map.of("X-School", id));
  }

  private CompletableFuture<HttpResponse<String>> holdAsync(String school) {
    return HTTP.sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/hold"))
            .header("X-School", school)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private List<CompletableFuture<HttpResponse<String>>> holdInProgress(String school, int count)
      throws InterruptedException {
    List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      held.add(holdAsync(school));
    }
    assertThat(adapter.entered.tryAcquire(count, 30, TimeUnit.SECONDS))
        .as("%d requests of %s in progress", count, school)
        .isTrue();
    return held;
  }

  /** Waits until the limiter sees {@code count} requests (a state, not a time). */
  private void awaitHoldingOrWaiting(int count) {
    Conditions.await(
        count + " requests at the limiter",
        Duration.ofSeconds(30),
        () -> gauge("classlark.fairness.requests.admitted") >= count);
  }

  @Test
  void aSchoolAtItsCapGets429WhileOtherSchoolsAreServed() throws Exception {
    start(new FairnessSettings(0, 0, 2, Duration.ZERO), 100);
    List<CompletableFuture<HttpResponse<String>>> held = holdInProgress("school-a", 2);

    HttpResult refused = school("school-a").get("/hello");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isEqualTo("1");
    assertThat(refused.body())
        .isEqualTo(
            "429 RATE_LIMITED: This school has 2 requests in progress, the most it may have at"
                + " once. Send fewer requests in parallel; retry after 1 second.");
    assertThat(school("school-b").get("/hello").body()).isEqualTo("hello");
    assertThat(school("school-b").get("/hello").status()).isEqualTo(200);

    adapter.letGo.countDown();
    for (CompletableFuture<HttpResponse<String>> request : held) {
      assertThat(request.get(30, TimeUnit.SECONDS).body()).isEqualTo("held");
    }
    assertThat(school("school-a").get("/hello").status()).isEqualTo(200);
  }

  @Test
  void aRequestOverTheCapWaitsForASlotOfItsSchool() throws Exception {
    start(new FairnessSettings(0, 0, 1, Duration.ofSeconds(60)), 100);
    List<CompletableFuture<HttpResponse<String>>> held = holdInProgress("school-a", 1);

    CompletableFuture<HttpResponse<String>> queued = holdAsync("school-a");
    awaitHoldingOrWaiting(2);
    assertThat(school("school-b").get("/hello").status()).isEqualTo(200);
    assertThat(queued).isNotDone();

    adapter.letGo.countDown();

    assertThat(held.getFirst().get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    HttpResponse<String> afterWaiting = queued.get(30, TimeUnit.SECONDS);
    assertThat(afterWaiting.statusCode()).isEqualTo(200);
    assertThat(afterWaiting.body()).isEqualTo("held");
  }

  @Test
  void slotsAreKeptOnlyForSchoolsWithRequestsInProgress() throws Exception {
    start(new FairnessSettings(0, 0, 2, Duration.ZERO), 100);
    for (int i = 0; i < 50; i++) {
      assertThat(school("school-" + i).get("/hello").status()).isEqualTo(200);
    }
    assertThat(trackedSchools()).isZero();

    List<CompletableFuture<HttpResponse<String>>> held = holdInProgress("school-a", 2);
    school("school-a").get("/hello");
    assertThat(trackedSchools()).isEqualTo(1);

    adapter.letGo.countDown();
    for (CompletableFuture<HttpResponse<String>> request : held) {
      request.get(30, TimeUnit.SECONDS);
    }
    assertThat(trackedSchools()).isZero();
  }

  @Test
  void bucketsOfManySchoolsStayWithinTheBoundAndIdleOnesAreDropped() {
    start(new FairnessSettings(10, 20, 0, Duration.ZERO), 100);
    for (int i = 0; i < 300; i++) {
      assertThat(school("school-" + i).get("/hello").status()).isEqualTo(200);
    }
    assertThat(trackedSchools()).isBetween(1L, 100L);

    clock.advance(Duration.ofSeconds(2));

    assertThat(trackedSchools())
        .as("buckets idle for as long as they take to fill up again")
        .isZero();
  }

  @Test
  void settingsOutsideWhatTheLimiterCanCountAreRefusedWithTheRange() {
    assertThatThrownBy(() -> new FairnessSettings(1_000_001, 10, 0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "rate limit must be 0 (off) or a number of requests per second up to 1000000, got"
                + " 1000001");
    assertThatThrownBy(() -> new FairnessSettings(10, 0, 0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rate burst must be between 1 and 1000000, got 0");
    assertThatThrownBy(() -> new FairnessSettings(0, 0, -1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("concurrent requests per school must be 0 (off) or more, got -1");
  }
}
