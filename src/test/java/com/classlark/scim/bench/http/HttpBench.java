package com.classlark.scim.bench.http;

import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.JavaHeap;
import com.classlark.scim.testing.TestDatabase;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The HTTP load harness ({@code ./bench/http}): seeds a school, runs the service jar as a child
 * process and measures every {@link UserScenarios scenario}, the initial sync, start-up time and
 * memory. See docs/benchmarks.md for what each figure means.
 */
@Command(
    name = "bench/http",
    mixinStandardHelpOptions = true,
    description = "HTTP load harness of ClassLark SCIM; traffic goes to 127.0.0.1 only.")
public final class HttpBench implements Callable<Integer> {
  @Option(
      names = "--db",
      defaultValue = "sqlite",
      description =
          "sqlite or postgres (a fresh file or schema, dropped afterwards; postgres:"
              + " CLASSLARK_TEST_PG_URL, default the test database).")
  String db;

  @Option(
      names = "--staff",
      defaultValue = "100000",
      description = "Staff in the seeded school (default ${DEFAULT-VALUE}).")
  int staff;

  @Option(
      names = "--connections",
      defaultValue = "8",
      description = "Connections per load scenario (default ${DEFAULT-VALUE}).")
  int connections;

  @Option(
      names = "--warmup",
      defaultValue = "10s",
      converter = DurationText.class,
      description = "Warm-up per scenario, not counted (default ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(
      names = "--duration",
      defaultValue = "20s",
      converter = DurationText.class,
      description = "Measured time per scenario (default ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(
      names = "--membership-connections",
      defaultValue = "1",
      description =
          "Connections of the group membership scenarios (default ${DEFAULT-VALUE}: the cost of a"
              + " change; with more, the changes queue on the group's version).")
  int membershipConnections;

  @Option(
      names = "--sync-staff",
      defaultValue = "10000",
      description = "Staff created by the initial sync (default ${DEFAULT-VALUE}).")
  int syncStaff;

  @Option(
      names = "--sync-clients",
      defaultValue = "8",
      description = "Concurrent clients of the initial sync (default ${DEFAULT-VALUE}).")
  int syncClients;

  @Option(
      names = "--sync-groups",
      defaultValue = "100",
      description =
          "Groups created by the initial sync, after the staff (default ${DEFAULT-VALUE}).")
  int syncGroups;

  @Option(
      names = "--sync-group-size",
      defaultValue = "100",
      description =
          "Members of each group of the initial sync, taken in turn from the synced staff"
              + " (default ${DEFAULT-VALUE}).")
  int syncGroupSize;

  @Option(
      names = "--start-runs",
      defaultValue = "5",
      description =
          "Cold starts on a fresh SQLite file for the start-up figure (default ${DEFAULT-VALUE}).")
  int startRuns;

  @Option(
      names = "--only",
      description =
          "Run only the load scenarios whose name contains this text, or one of several texts"
              + " separated by '|' (the baselines always run).")
  String only;

  @Option(
      names = "--server-java-options",
      defaultValue = "",
      description =
          "JVM options of the server process, space-separated, e.g. -Xmx256m (default: none;"
              + " ./bench/http passes the options ./classlark-scim runs the service with).")
  String serverJavaOptions;

  @Option(
      names = "--server-args",
      defaultValue = "",
      description =
          "Extra options of the server's serve command, space-separated, e.g. '--rate-limit 0"
              + " --school-concurrency 0' (default: none).")
  String serverArgs;

  @Option(
      names = "--fairness",
      description =
          "Measure only fairness between schools: school B's GET /Users/{id} on one connection,"
              + " alone and while school A floods POST /Users with --flood-writers connections.")
  boolean fairness;

  @Option(
      names = "--flood-writers",
      defaultValue = "100",
      description = "Connections of school A's flood in --fairness (default ${DEFAULT-VALUE}).")
  int floodWriters;

  @Option(
      names = "--reads-per-second",
      defaultValue = "40",
      description =
          "School B's steady pace in --fairness, below its rate limit (default ${DEFAULT-VALUE}).")
  int readsPerSecond;

  @Option(
      names = "--flood-ignores-retry-after",
      description =
          "School A's connections send their next request right after a 429 instead of waiting"
              + " for its Retry-After as identity providers do (a hostile client).")
  boolean floodIgnoresRetryAfter;

  @Option(
      names = "--versus-args",
      description =
          "Measure only a comparison of two servers: A with --server-args, B with them and these"
              + " (e.g. '--no-provisioning-log'), each on its own database, taking turns in"
              + " --duration windows for --rounds rounds, over the User scenarios that --only"
              + " picks (the baseline included). Reports B against A with a 95%% interval.")
  String versusArgs;

  @Option(
      names = "--rounds",
      defaultValue = "10",
      description = "Rounds of A and B in --versus-args (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--first-sync",
      description =
          "Run no ANALYZE after seeding: the plans a school's first sync gets, before the database"
              + " has statistics (this machine's PostgreSQL runs with autovacuum off).")
  boolean firstSync;

  @Option(
      names = "--warmup-until-compiled",
      defaultValue = "0s",
      converter = DurationText.class,
      description =
          "After each scenario's --warmup, go on warming up while the server's JIT compilers take"
              + " more than 3%% of its CPU, for at most this long (e.g. 2m; default 0s: do not)."
              + " Linux only.")
  Duration warmupUntilCompiled;

  @Option(
      names = "--server-cpus",
      description =
          "Run the server pinned to these CPUs (a taskset list, e.g. 0), so that the load"
              + " generator cannot take its CPU time; use with --load-cpus. The server's JVM then"
              + " sizes its threads for those CPUs alone; -XX:ActiveProcessorCount=N in"
              + " --server-java-options keeps the sizing of a machine of N.")
  String serverCpus;

  @Option(
      names = "--load-cpus",
      description =
          "Pin this harness, which is the load generator, to these CPUs (a taskset list, e.g. 1).")
  String loadCpus;

  @Option(
      names = "--label",
      defaultValue = "",
      description =
          "Free text saved with the results, e.g. 'smoke run, noisy machine, small data'.")
  String label;

  @Option(names = "--jar", required = true, description = "The service jar.")
  Path jar;

  @Option(
      names = "--out",
      defaultValue = "target/bench",
      description = "Directory for the JSON and Markdown results and the server log.")
  Path out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new HttpBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (staff < 1
        || connections < 1
        || membershipConnections < 1
        || startRuns < 1
        || syncClients < 1) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          "--staff, --connections, --membership-connections, --start-runs and --sync-clients must"
              + " be at least 1");
    }
    if (syncStaff < 0 || syncGroups < 0 || syncGroupSize < 0) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          "--sync-staff, --sync-groups and --sync-group-size must be at least 0");
    }
    Engine engine =
        switch (db.toLowerCase(Locale.ROOT)) {
          case "sqlite" -> Engine.SQLITE;
          case "postgres", "postgresql" -> Engine.POSTGRES;
          default ->
              throw new CommandLine.ParameterException(
                  new CommandLine(this), "--db must be sqlite or postgres, got " + db);
        };
    if (loadCpus != null) {
      pin(loadCpus, ProcessHandle.current().pid());
    }
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    String name = "http-" + engine.name().toLowerCase(Locale.ROOT) + "-" + stamp;
    Path log = out.resolve(name + "-server.log");
    List<String> javaOptions =
        serverJavaOptions.isBlank()
            ? List.of()
            : Arrays.asList(serverJavaOptions.trim().split("\\s+"));
    BenchReport report = new BenchReport(runDescription(engine), Machine.describe());
    if (fairness) {
      if (floodWriters < 1 || readsPerSecond < 1) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--flood-writers and --reads-per-second must be at least 1");
      }
      progress(
          "fairness: school B (%,d staff) alone, then with school A's %d writers%s; server: %s",
          staff,
          floodWriters,
          floodIgnoresRetryAfter ? " ignoring Retry-After" : "",
          serverArgs.isBlank() ? "defaults" : serverArgs);
      FairnessRun.Result result =
          FairnessRun.run(
              new FairnessRun.Setup(
                  jar,
                  engine,
                  staff,
                  floodWriters,
                  !floodIgnoresRetryAfter,
                  readsPerSecond,
                  warmup,
                  duration,
                  serverLauncher(),
                  javaOptions,
                  serveOptions(),
                  log));
      result.addTo(report);
      progress("%s", result.summary());
      return write(report, name + "-fairness", log);
    }

    if (versusArgs != null) {
      if (rounds < 2) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--rounds must be at least 2");
      }
      progress(
          "versus: A with %s, B with '%s' more; %d rounds of %d ms windows",
          serverArgs.isBlank() ? "defaults" : "'" + serverArgs + "'",
          versusArgs,
          rounds,
          duration.toMillis());
      List<PairedRun.Rounds> compared =
          PairedRun.run(
              new PairedRun.Setup(
                  jar,
                  engine,
                  staff,
                  connections,
                  !firstSync,
                  warmup,
                  warmupUntilCompiled,
                  duration,
                  rounds,
                  serverLauncher(),
                  javaOptions,
                  serveOptions(),
                  Arrays.asList(versusArgs.trim().split("\\s+")),
                  this::wanted,
                  log));
      compared.forEach(scenario -> scenario.addTo(report));
      return write(report, name + "-versus", log);
    }

    progress("start-up: %d cold starts on a fresh SQLite file", startRuns);
    long startUpMillis = measureStartUp(report, javaOptions, log);
    ServerProcess.Memory afterLoad;

    BenchGroups groups;
    try (TestDatabase database = TestDatabase.create(engine)) {
      progress("seeding %,d staff into %s", staff, database.spec());
      BenchSchool.Seeded seeded =
          BenchSchool.seed(database.target(), "Benchmark School", "bench", staff);
      BenchSchool school = seeded.school();
      BenchSchool syncSchool = BenchSchool.empty(database.target(), "First Sync School", "sync");
      report.figure(
          "seedSeconds",
          "seeding " + String.format("%,d", staff) + " staff (harness, batched JDBC)",
          seeded.took().toMillis() / 1000.0,
          "s");
      groups = seedGroups(report, database, school);
      try (ServerProcess server =
          ServerProcess.start(
              serverLauncher(), jar, database.spec(), javaOptions, serveOptions(), log)) {
        ServerProcess.Memory idle = server.residentMemory();
        report.figure(
            "rssIdleMiB", "resident memory, server started, idle", idle.residentMiB(), "MiB");
        runScenarios(report, server, school, groups);
        runInitialSync(report, server, syncSchool);
        afterLoad = recordMemory(report, server);
        runFullRead(report, server, school, groups.largest());
      }
    }
    Targets.check(report, engine, staff, groups, afterLoad, startUpMillis);
    return write(report, name, log);
  }

  /** Writes the report as {@code name.json} and {@code name.md} and prints it. */
  private int write(BenchReport report, String name, Path log) throws java.io.IOException {
    Path jsonFile = out.resolve(name + ".json");
    Path markdownFile = out.resolve(name + ".md");
    report.write(jsonFile, markdownFile);
    System.out.println();
    System.out.println(report.markdown());
    System.out.println("Results: " + jsonFile + " and " + markdownFile + "; server log: " + log);
    return 0;
  }

  /** What the server's {@code java} command runs under: {@code taskset} with --server-cpus. */
  private List<String> serverLauncher() {
    return serverCpus == null ? List.of() : List.of("taskset", "-c", serverCpus);
  }

  /**
   * Pins every thread of a running process, and so the threads it starts later, to {@code cpus}.
   */
  private static void pin(String cpus, long pid) throws java.io.IOException, InterruptedException {
    Process taskset =
        new ProcessBuilder("taskset", "-a", "-c", "-p", cpus, Long.toString(pid))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (taskset.waitFor() != 0) {
      throw new java.io.IOException(
          "taskset could not pin the harness to CPUs "
              + cpus
              + " (exit "
              + taskset.exitValue()
              + ")");
    }
  }

  private List<String> serveOptions() {
    return serverArgs.isBlank() ? List.of() : Arrays.asList(serverArgs.trim().split("\\s+"));
  }

  private ObjectNode runDescription(Engine engine) {
    ObjectNode run = Json.object();
    run.put("label", label);
    run.put("serverArgs", serverArgs);
    run.put("firstSync", firstSync);
    if (versusArgs != null) {
      run.put("versusArgs", versusArgs);
      run.put("rounds", rounds);
      run.put("settleSeconds", PairedRun.SETTLE.toMillis() / 1000.0);
    }
    if (fairness) {
      run.put("fairness", true);
      run.put("floodWriters", floodWriters);
      run.put("floodHonorsRetryAfter", !floodIgnoresRetryAfter);
      run.put("readsPerSecond", readsPerSecond);
    }
    run.put("startedAt", java.time.Instant.now().toString());
    run.put("db", engine.name().toLowerCase(Locale.ROOT));
    run.put("staff", staff);
    run.put("connections", connections);
    run.put("membershipConnections", membershipConnections);
    run.put("warmupSeconds", warmup.toMillis() / 1000.0);
    run.put("durationSeconds", duration.toMillis() / 1000.0);
    run.put("syncStaff", syncStaff);
    run.put("syncClients", syncClients);
    run.put("syncGroups", syncGroups);
    run.put("syncGroupSize", syncGroupSize);
    run.put("serverJavaOptions", serverJavaOptions);
    run.put("warmupUntilCompiledSeconds", warmupUntilCompiled.toMillis() / 1000.0);
    run.put("serverCpus", serverCpus == null ? "any" : serverCpus);
    run.put("loadCpus", loadCpus == null ? "any" : loadCpus);
    return run;
  }

  /** Cold starts on fresh SQLite files; returns the median time to the first answer in ms. */
  private long measureStartUp(BenchReport report, List<String> javaOptions, Path log)
      throws Exception {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < startRuns; i++) {
      try (TestDatabase fresh = TestDatabase.create(Engine.SQLITE);
          ServerProcess server =
              ServerProcess.start(
                  serverLauncher(), jar, fresh.spec(), javaOptions, serveOptions(), log)) {
        millis.add(server.startToFirstAnswer().toMillis());
      }
    }
    List<Long> sorted = millis.stream().sorted().toList();
    ObjectNode detail = Json.object();
    detail.set("runsMs", Json.MAPPER.valueToTree(millis));
    report.detail("startToFirstAnswer", detail);
    long median = sorted.get(sorted.size() / 2);
    report.figure(
        "startToFirstAnswerMedianMs",
        "start to ready (first 200 of /readyz), SQLite (median of " + startRuns + ")",
        median,
        "ms");
    return median;
  }

  private BenchGroups seedGroups(BenchReport report, TestDatabase database, BenchSchool school) {
    progress("seeding groups of %s members", BenchGroups.WANTED_SIZES);
    BenchGroups.Seeded seeded = BenchGroups.seed(database.target(), school);
    String sizes =
        seeded.groups().groups().stream().map(BenchGroups.Group::label).toList().toString();
    report.figure(
        "seedGroupsSeconds",
        "seeding groups of " + sizes + " (harness, batched JDBC)",
        seeded.took().toMillis() / 1000.0,
        "s");
    if (!firstSync) {
      // The statistics a school of this size would long have had: the harness writes 100,000 rows
      // in seconds, faster than autovacuum's (PostgreSQL) or the service's (SQLite) refresh.
      database.analyze();
    }
    if (seeded.groups().largest().capped()) {
      report.note(
          "groupsCapped",
          "groups larger than the school",
          String.format(
              "capped at the %,d staff of --staff; the membership ratio compares %s with %s",
              staff, seeded.groups().largest().label(), seeded.groups().smallest().label()));
    }
    return seeded.groups();
  }

  private void runScenarios(
      BenchReport report, ServerProcess server, BenchSchool school, BenchGroups groups)
      throws Exception {
    LoadGenerator load = new LoadGenerator(server.port(), connections, warmup, duration);
    LoadGenerator membershipLoad =
        new LoadGenerator(server.port(), membershipConnections, warmup, duration);
    for (Scenario scenario : UserScenarios.all(school, connections)) {
      run(report, server, school, load, scenario);
    }
    for (Scenario scenario : GroupScenarios.reads(groups)) {
      run(report, server, school, load, scenario);
    }
    for (Scenario scenario : GroupScenarios.membershipChanges(school, groups)) {
      run(report, server, school, membershipLoad, scenario);
    }
    try (LoopbackHttpConnection connection =
        new LoopbackHttpConnection(server.port(), school.token())) {
      GroupScenarios.restoreMembers(connection, school, groups, membershipConnections);
    }
    run(report, server, school, load, UserScenarios.baselineAgain());
  }

  private void run(
      BenchReport report,
      ServerProcess server,
      BenchSchool school,
      LoadGenerator load,
      Scenario scenario)
      throws Exception {
    if (!wanted(scenario.name())) {
      return;
    }
    RequestSource source;
    try (LoopbackHttpConnection connection =
        new LoopbackHttpConnection(server.port(), school.token())) {
      source = scenario.preparation().prepare(connection);
    }
    progress(
        "%s: %d ms warm-up, %d ms measured, %d connections",
        scenario.name(), warmup.toMillis(), duration.toMillis(), load.connections());
    ServerCpu cpu = new ServerCpu(server.pid(), warmupUntilCompiled);
    LoadResult result = load.run(school.token(), source, cpu);
    ServerCpu.Usage usage = cpu.usage();
    report.measured(scenario, result);
    if (usage != null) {
      report.figure(
          "serverCores: " + scenario.name(),
          scenario.name() + ": the server's CPU while measured",
          usage.cores(),
          "cores");
      report.figure(
          "serverCompilerShare: " + scenario.name(),
          scenario.name() + ": of it, the JIT compilers' (still warming up when above a few %)",
          100 * usage.compilerShare(),
          "%");
      if (!warmupUntilCompiled.isZero()) {
        report.figure(
            "extraWarmupSeconds: " + scenario.name(),
            scenario.name() + ": warm-up beyond --warmup, until the compilers were quiet",
            usage.extraWarmup().toMillis() / 1000.0,
            "s");
      }
    }
    progress(
        "  %,.0f req/s, p50 %.2f ms, p99 %.2f ms, %d errors%s%s",
        result.throughput(),
        result.percentileMillis(50),
        result.percentileMillis(99),
        result.errors(),
        result.firstError() == null ? "" : "; first: " + result.firstError(),
        usage == null
            ? ""
            : String.format(
                Locale.ROOT,
                "; server %.2f cores, %.0f%% of it compiling, after %.0f s more warm-up",
                usage.cores(),
                100 * usage.compilerShare(),
                usage.extraWarmup().toMillis() / 1000.0));
  }

  /** Whether --only picks the scenario; the baselines always run. */
  private boolean wanted(String scenario) {
    return only == null
        || UserScenarios.isBaseline(scenario)
        || Arrays.stream(only.split("\\|")).anyMatch(scenario::contains);
  }

  private void runFullRead(
      BenchReport report, ServerProcess server, BenchSchool school, BenchGroups.Group group)
      throws Exception {
    progress("full read: GET /Groups/{id}, %s", group.label());
    FullGroupRead.Result read = FullGroupRead.run(server, school, group);
    read.addTo(report, "GET /Groups/{id}, " + group.label() + ": ");
    progress(
        "  %.0f ms, %,d members, heap %.1f -> peak %.1f MiB",
        read.took().toNanos() / 1e6,
        read.members(),
        read.heapBeforeMiB(),
        read.heap().peakUsedMiB());
  }

  private void runInitialSync(BenchReport report, ServerProcess server, BenchSchool syncSchool)
      throws Exception {
    progress("initial sync: %,d staff by POST /Users with %d clients", syncStaff, syncClients);
    InitialSync.Result staffSync =
        InitialSync.staff(server.port(), syncSchool, syncStaff, syncClients);
    String clients = syncClients + " clients";
    staffSync.addTo(
        report,
        "initialSync",
        String.format("initial sync: %,d staff, %s, POST /Users", syncStaff, clients),
        "staff");
    progressOf(staffSync, "staff");
    progress(
        "initial sync: %,d groups of %,d by POST /Groups + PATCH with %d clients",
        syncGroups, syncGroupSize, syncClients);
    InitialSync.Result groupSync =
        InitialSync.groups(
            server.port(),
            syncSchool,
            staffSync.createdIds(),
            syncGroups,
            syncGroupSize,
            syncClients);
    groupSync.addTo(
        report,
        "initialSyncGroups",
        String.format(
            "initial sync: %,d groups of %,d members, %s, POST /Groups + PATCH add members",
            syncGroups, syncGroupSize, clients),
        "groups");
    progressOf(groupSync, "groups");
    report.figure(
        "initialSyncTotalSeconds",
        "initial sync: staff and groups together",
        (staffSync.took().toMillis() + groupSync.took().toMillis()) / 1000.0,
        "s");
  }

  private static void progressOf(InitialSync.Result sync, String items) {
    progress(
        "  %.1f s, %,.0f %s/s, %d failures",
        sync.took().toMillis() / 1000.0, sync.perSecond(), items, sync.failures());
  }

  private ServerProcess.Memory recordMemory(BenchReport report, ServerProcess server)
      throws Exception {
    ServerProcess.Memory memory = server.residentMemory();
    JavaHeap heap = server.heap(false);
    JavaHeap live = server.heap(true);
    String load = String.format("after %,d-staff load", staff);
    report.figure("rssAfterLoadMiB", "resident memory " + load, memory.residentMiB(), "MiB");
    report.figure("rssPeakMiB", "peak resident memory (VmHWM)", memory.peakResidentMiB(), "MiB");
    report.figure("heapUsedMiB", "heap used " + load, heap.usedMiB(), "MiB");
    report.figure("heapCommittedMiB", "heap committed " + load, heap.committedMiB(), "MiB");
    report.figure("heapLiveMiB", "heap used after a full GC", live.usedMiB(), "MiB");
    return memory;
  }

  /** A line of progress on stderr, for every mode of the harness. */
  static void progress(String format, Object... arguments) {
    System.err.printf(Locale.ROOT, "[bench] " + format + "%n", arguments);
  }

  /** Durations as {@code 500ms}, {@code 10s}, {@code 2m} or ISO-8601 ({@code PT10S}). */
  static final class DurationText implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
      String value = text.trim().toLowerCase(Locale.ROOT);
      if (value.startsWith("pt")) {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      }
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      long amount = Long.parseLong(value.substring(0, value.length() - 1));
      return switch (value.charAt(value.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        default ->
            throw new CommandLine.TypeConversionException(
                "expected e.g. 500ms, 10s or 2m, got " + text);
      };
    }
  }
}
