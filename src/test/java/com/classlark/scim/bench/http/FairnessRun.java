package com.classlark.scim.bench.http;

import com.classlark.scim.bench.StaffBodies;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fairness between schools ({@code ./bench/http --fairness}): school B reads one staff member by id
 * on one connection at a steady rate below its limit (as an identity provider paces itself), first
 * alone, then while school A creates staff with many concurrent connections in a closed loop. B's
 * p50 and p99 under A's flood, as a multiple of B's alone, say how much one school can slow another
 * down; run it with the limits off ({@code --server-args '--rate-limit 0 --school-concurrency 0'})
 * and on (the defaults) to see what they change.
 */
final class FairnessRun {
  private static final String PREFIX = "/scim/v2";

  private FairnessRun() {}

  /**
   * What to run.
   *
   * @param honorRetryAfter A's connections wait for {@code Retry-After} after a 429, as identity
   *     providers do
   * @param readsPerSecond B's pace
   */
  record Setup(
      Path jar,
      Engine engine,
      int staff,
      int writers,
      boolean honorRetryAfter,
      int readsPerSecond,
      Duration warmup,
      Duration duration,
      List<String> launcher,
      List<String> javaOptions,
      List<String> serveOptions,
      Path log) {}

  /** B alone, B under A's flood, and what A got done meanwhile. */
  record Result(Setup setup, LoadResult alone, LoadResult flooded, LoadResult flood) {
    void addTo(BenchReport report) {
      report.figure(
          "bAloneP50Ms", "B's GET /Users/{id}, alone: p50", alone.percentileMillis(50), "ms");
      report.figure(
          "bAloneP99Ms", "B's GET /Users/{id}, alone: p99", alone.percentileMillis(99), "ms");
      String during =
          String.format(Locale.ROOT, "B's GET /Users/{id}, A's %d writers", setup.writers());
      report.figure("bFloodedP50Ms", during + ": p50", flooded.percentileMillis(50), "ms");
      report.figure("bFloodedP99Ms", during + ": p99", flooded.percentileMillis(99), "ms");
      report.figure("p50Ratio", "p50 under flood / alone", ratio(50), "x");
      report.figure("p99Ratio", "p99 under flood / alone", ratio(99), "x");
      report.figure("bAloneErrors", "B's failed requests alone", alone.errors(), "");
      report.figure("bFloodedErrors", "B's failed requests under flood", flooded.errors(), "");
      report.figure("aCreatedPerSecond", "A's staff created per second", flood.throughput(), "/s");
      report.figure(
          "aRefusedPerSecond",
          "A's requests refused per second (429 and others)",
          flood.errors() / flood.seconds(),
          "/s");
      if (flood.firstError() != null) {
        report.note("aFirstError", "A's first refusal", flood.firstError());
      }
    }

    double ratio(double percentile) {
      return flooded.percentileMillis(percentile) / alone.percentileMillis(percentile);
    }

    String summary() {
      return String.format(
          Locale.ROOT,
          "B alone p50 %.2f ms p99 %.2f ms (%d requests, %d errors); under flood p50 %.2f ms"
              + " p99 %.2f ms (%.1fx, %.1fx), %d requests, %d errors; A created %.0f/s, refused"
              + " %.0f/s",
          alone.percentileMillis(50),
          alone.percentileMillis(99),
          alone.requests(),
          alone.errors(),
          flooded.percentileMillis(50),
          flooded.percentileMillis(99),
          ratio(50),
          ratio(99),
          flooded.requests(),
          flooded.errors(),
          flood.throughput(),
          flood.errors() / flood.seconds());
    }
  }

  static Result run(Setup setup) throws Exception {
    try (TestDatabase database = TestDatabase.create(setup.engine())) {
      BenchSchool b = BenchSchool.seed(database.target(), "School B", "b", setup.staff()).school();
      BenchSchool a = BenchSchool.empty(database.target(), "School A", "a");
      try (ServerProcess server =
          ServerProcess.start(
              setup.launcher(),
              setup.jar(),
              database.spec(),
              setup.javaOptions(),
              setup.serveOptions(),
              setup.log())) {
        RequestSource reads =
            (worker, sequence) ->
                BenchRequest.get(
                    PREFIX
                        + "/Users/"
                        + b.staffIds().get(ThreadLocalRandom.current().nextInt(b.size())));
        LoadGenerator single =
            new LoadGenerator(
                server.port(),
                1,
                setup.warmup(),
                setup.duration(),
                false,
                Duration.ofNanos(1_000_000_000L / setup.readsPerSecond()));
        LoadResult alone = single.run(b.token(), reads);

        AtomicInteger created = new AtomicInteger();
        RequestSource writes =
            (worker, sequence) ->
                BenchRequest.post(
                    PREFIX + "/Users",
                    StaffBodies.body(a.tag(), created.getAndIncrement()).toString());
        LoadGenerator flooding =
            new LoadGenerator(
                server.port(),
                setup.writers(),
                Duration.ZERO,
                setup.warmup().plus(setup.duration()).plusSeconds(1),
                setup.honorRetryAfter(),
                Duration.ZERO);
        LoadResult[] flood = new LoadResult[1];
        Thread floodThread =
            Thread.ofPlatform()
                .name("flood")
                .start(
                    () -> {
                      try {
                        flood[0] = flooding.run(a.token(), writes);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    });
        LoadResult flooded = single.run(b.token(), reads);
        floodThread.join();
        return new Result(setup, alone, flooded, flood[0]);
      }
    }
  }
}
