package com.classlark.scim.bench.http;

import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Two servers side by side ({@code ./bench/http --versus-args ARGS}): server A runs with {@code
 * --server-args}, server B with them and {@code ARGS} (e.g. {@code --no-provisioning-log}), each on
 * its own database seeded alike. Both start, and each is warmed up through a scenario (until its
 * compilers are quiet, with {@code --warmup-until-compiled}); then the scenario runs in short
 * windows, A and B taking turns (ABBA…), for a number of rounds.
 *
 * <p>This is the design for a difference of a few percent on a machine whose own speed drifts by
 * more than that within minutes: the two windows of a round are seconds apart, so a drift of the
 * machine touches both, and the figure is the mean of the rounds' ratios with its 95% interval. One
 * server at a time with its own warm-up, as the other modes run, puts minutes between the two
 * figures that are compared.
 *
 * <p>The interval covers the rounds of one pair of JVMs only. What their JIT compilers make of the
 * code differs from one start to the next, and that difference stays for the whole run: five runs
 * of the same two servers put the log's cost on PATCH between +2% and +29%, with intervals that did
 * not all overlap. For a small difference, repeat the run and take each run's mean as one sample.
 */
final class PairedRun {
  /**
   * Before each window, the server gets this long under load uncounted: its connections open and
   * its caches fill again after the other server's turn.
   */
  static final Duration SETTLE = Duration.ofSeconds(2);

  private PairedRun() {}

  /**
   * What to run.
   *
   * @param versusOptions what server B gets in addition to {@code serveOptions}
   * @param warmupUntilCompiled how long each server's first warm-up may go on while its compilers
   *     are busy
   * @param wanted which scenarios to run, by name
   */
  record Setup(
      Path jar,
      Engine engine,
      int staff,
      int connections,
      boolean analyze,
      Duration warmup,
      Duration warmupUntilCompiled,
      Duration duration,
      int rounds,
      List<String> launcher,
      List<String> javaOptions,
      List<String> serveOptions,
      List<String> versusOptions,
      Predicate<String> wanted,
      Path log) {}

  /** One scenario's windows: {@code a[i]} and {@code b[i]} are round {@code i}'s req/s. */
  record Rounds(String name, double[] a, double[] b, double[] aCores, double[] bCores) {
    Comparison comparison() {
      return Comparison.of(a, b);
    }

    void addTo(BenchReport report) {
      Comparison comparison = comparison();
      String rounds = String.format(Locale.ROOT, "%d rounds", a.length);
      report.figure(
          "a: " + name, name + ": A, req/s, mean of " + rounds, comparison.meanA(), "req/s");
      report.figure(
          "b: " + name, name + ": B, req/s, mean of " + rounds, comparison.meanB(), "req/s");
      report.figure(
          "bVersusA: " + name,
          name + ": B against A, mean of the rounds' B/A − 1",
          100 * comparison.meanChange(),
          "%");
      report.note(
          "bVersusAInterval: " + name,
          name + ": its 95% interval; the median round",
          String.format(
              Locale.ROOT,
              "%+.1f%% to %+.1f%%; %+.1f%%",
              100 * comparison.low(),
              100 * comparison.high(),
              100 * comparison.medianChange()));
      StringBuilder windows = new StringBuilder();
      for (int i = 0; i < a.length; i++) {
        windows.append(
            String.format(
                Locale.ROOT,
                "%s%,.0f/%,.0f (%.2f/%.2f cores)",
                i == 0 ? "" : ", ",
                a[i],
                b[i],
                aCores[i],
                bCores[i]));
      }
      report.note("windows: " + name, name + ": each round's A/B req/s", windows.toString());
    }
  }

  /**
   * The rounds' ratios of B to A, as changes ({@code B/A − 1}): their mean, the 95% confidence
   * interval of that mean (Student's t, the rounds taken as independent), and their median.
   */
  record Comparison(
      double meanA, double meanB, double meanChange, double low, double high, double medianChange) {
    static Comparison of(double[] a, double[] b) {
      if (a.length != b.length || a.length < 2) {
        throw new IllegalArgumentException(
            "need at least two rounds of A and B, got " + a.length + " and " + b.length);
      }
      int n = a.length;
      double[] changes = new double[n];
      for (int i = 0; i < n; i++) {
        changes[i] = b[i] / a[i] - 1;
      }
      double mean = mean(changes);
      double squares = 0;
      for (double change : changes) {
        squares += (change - mean) * (change - mean);
      }
      double halfWidth = studentT975(n - 1) * Math.sqrt(squares / (n - 1) / n);
      double[] sorted = changes.clone();
      Arrays.sort(sorted);
      double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      return new Comparison(mean(a), mean(b), mean, mean - halfWidth, mean + halfWidth, median);
    }

    private static double mean(double[] values) {
      double sum = 0;
      for (double value : values) {
        sum += value;
      }
      return sum / values.length;
    }
  }

  /** Student's t at 97.5% (two-sided 95%) for {@code degrees} of freedom. */
  static double studentT975(int degrees) {
    double[] table = {
      12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
      2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
      2.052, 2.048, 2.045, 2.042
    };
    if (degrees < 1) {
      throw new IllegalArgumentException("degrees of freedom must be at least 1, got " + degrees);
    }
    // Beyond 30 the table's last step is within 1% of the limit, 1.96.
    return degrees <= table.length ? table[degrees - 1] : (degrees <= 60 ? 2.021 : 1.96);
  }

  /** Which server measures first in round {@code round} (from 0): A, B, B, A, A, B, … */
  static boolean aFirst(int round) {
    return round % 2 == 0;
  }

  static List<Rounds> run(Setup setup) throws Exception {
    try (TestDatabase databaseA = TestDatabase.create(setup.engine());
        TestDatabase databaseB = TestDatabase.create(setup.engine())) {
      BenchSchool schoolA = seed(databaseA, setup);
      BenchSchool schoolB = seed(databaseB, setup);
      List<String> optionsB = new ArrayList<>(setup.serveOptions());
      optionsB.addAll(setup.versusOptions());
      try (ServerProcess a =
              ServerProcess.start(
                  setup.launcher(),
                  setup.jar(),
                  databaseA.spec(),
                  setup.javaOptions(),
                  setup.serveOptions(),
                  setup.log());
          ServerProcess b =
              ServerProcess.start(
                  setup.launcher(),
                  setup.jar(),
                  databaseB.spec(),
                  setup.javaOptions(),
                  optionsB,
                  sibling(setup.log(), "-versus"))) {
        List<Scenario> scenariosA = UserScenarios.all(schoolA, setup.connections());
        List<Scenario> scenariosB = UserScenarios.all(schoolB, setup.connections());
        List<Rounds> results = new ArrayList<>();
        for (int i = 0; i < scenariosA.size(); i++) {
          String name = scenariosA.get(i).name();
          if (setup.wanted().test(name)) {
            results.add(
                compare(setup, a, schoolA, scenariosA.get(i), b, schoolB, scenariosB.get(i)));
          }
        }
        return results;
      }
    }
  }

  private static BenchSchool seed(TestDatabase database, Setup setup) {
    BenchSchool school =
        BenchSchool.seed(database.target(), "Benchmark School", "bench", setup.staff()).school();
    if (setup.analyze()) {
      database.analyze();
    }
    return school;
  }

  private static Path sibling(Path log, String suffix) {
    String name = log.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String versus = dot < 0 ? name + suffix : name.substring(0, dot) + suffix + name.substring(dot);
    return log.resolveSibling(versus);
  }

  private static Rounds compare(
      Setup setup,
      ServerProcess serverA,
      BenchSchool schoolA,
      Scenario scenarioA,
      ServerProcess serverB,
      BenchSchool schoolB,
      Scenario scenarioB)
      throws Exception {
    Side a = Side.prepare(serverA, schoolA, scenarioA);
    Side b = Side.prepare(serverB, schoolB, scenarioB);
    for (Side side : List.of(a, b)) {
      LoadGenerator warming =
          new LoadGenerator(
              side.server.port(), setup.connections(), setup.warmup(), Duration.ofSeconds(1));
      ServerCpu cpu = new ServerCpu(side.server.pid(), setup.warmupUntilCompiled());
      warming.run(side.school.token(), side.source, cpu);
      HttpBench.progress(
          "%s: %s warmed up (%.0f s beyond --warmup)",
          scenarioA.name(),
          side == a ? "A" : "B",
          cpu.usage() == null ? 0.0 : cpu.usage().extraWarmup().toMillis() / 1000.0);
    }
    int rounds = setup.rounds();
    double[] rateA = new double[rounds];
    double[] rateB = new double[rounds];
    double[] coresA = new double[rounds];
    double[] coresB = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      for (Side side : aFirst(round) ? List.of(a, b) : List.of(b, a)) {
        LoadGenerator window =
            new LoadGenerator(side.server.port(), setup.connections(), SETTLE, setup.duration());
        ServerCpu cpu = new ServerCpu(side.server.pid(), Duration.ZERO);
        LoadResult result = window.run(side.school.token(), side.source, cpu);
        if (result.errors() > 0) {
          throw new IllegalStateException(
              scenarioA.name()
                  + ": "
                  + result.errors()
                  + " failed requests on "
                  + (side == a ? "A" : "B")
                  + "; first: "
                  + result.firstError());
        }
        double cores = cpu.usage() == null ? Double.NaN : cpu.usage().cores();
        if (side == a) {
          rateA[round] = result.throughput();
          coresA[round] = cores;
        } else {
          rateB[round] = result.throughput();
          coresB[round] = cores;
        }
      }
      HttpBench.progress(
          "%s: round %d: A %,.0f req/s, B %,.0f req/s (%+.1f%%)",
          scenarioA.name(),
          round + 1,
          rateA[round],
          rateB[round],
          100 * (rateB[round] / rateA[round] - 1));
    }
    Rounds result = new Rounds(scenarioA.name(), rateA, rateB, coresA, coresB);
    Comparison comparison = result.comparison();
    HttpBench.progress(
        "%s: A %,.0f, B %,.0f req/s; B against A %+.1f%% (95%%: %+.1f%% to %+.1f%%)",
        scenarioA.name(),
        comparison.meanA(),
        comparison.meanB(),
        100 * comparison.meanChange(),
        100 * comparison.low(),
        100 * comparison.high());
    return result;
  }

  /** One server's part of a scenario: the server, its school, and its prepared requests. */
  private record Side(ServerProcess server, BenchSchool school, RequestSource source) {
    static Side prepare(ServerProcess server, BenchSchool school, Scenario scenario)
        throws Exception {
      try (LoopbackHttpConnection connection =
          new LoopbackHttpConnection(server.port(), school.token())) {
        return new Side(server, school, scenario.preparation().prepare(connection));
      }
    }
  }
}
