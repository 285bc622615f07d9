package com.classlark.scim.app;

import com.classlark.scim.console.ConsolePaths;
import com.classlark.scim.directory.events.FeedSettings;
import com.classlark.scim.directory.log.LogSettings;
import com.classlark.scim.protocol.filter.FilterLimits;
import com.classlark.scim.protocol.schema.MultiValueLimit;
import com.classlark.scim.scim.BulkSettings;
import com.classlark.scim.scim.QuerySettings;
import com.classlark.scim.store.Database;
import com.classlark.scim.store.DatabaseTarget;
import com.classlark.scim.store.Dialect;
import com.classlark.scim.web.ConnectionLimits;
import com.classlark.scim.web.FairnessSettings;
import com.classlark.scim.web.HttpSettings;
import com.classlark.scim.web.ManagementServer;
import com.classlark.scim.web.ManagementSettings;
import com.classlark.scim.web.ShutdownSettings;
import io.javalin.http.Handler;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code serve}: runs the SCIM service until the process is stopped. */
@Command(name = "serve", description = "Run the SCIM service.")
final class ServeCommand implements Callable<Integer> {
  private final Map<String, Handler> publicGetRoutes;

  ServeCommand() {
    this(Map.of());
  }

  /**
   * A {@code serve} that also answers {@code publicGetRoutes} (see {@link Main#commandLine(Map)}).
   */
  ServeCommand(Map<String, Handler> publicGetRoutes) {
    this.publicGetRoutes = Map.copyOf(publicGetRoutes);
  }

  @Option(
      names = "--port",
      defaultValue = "${env:CLASSLARK_PORT:-8080}",
      description = "Port to listen on (env CLASSLARK_PORT; default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "${env:CLASSLARK_HOST:-0.0.0.0}",
      paramLabel = "ADDR",
      description = "Address to bind (env CLASSLARK_HOST; default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--base-url",
      defaultValue = "${env:CLASSLARK_BASE_URL}",
      paramLabel = "URL",
      description =
          "Public base URL for meta.location, e.g. https://scim.example.org (env CLASSLARK_BASE_URL;"
              + " default: derived from each request and X-Forwarded-Proto/Host).")
  String baseUrl;

  @Option(
      names = "--max-body-bytes",
      defaultValue = "${env:CLASSLARK_MAX_BODY_BYTES:-" + HttpSettings.DEFAULT_MAX_BODY_BYTES + "}",
      paramLabel = "BYTES",
      description =
          "Largest request body accepted (env CLASSLARK_MAX_BODY_BYTES; default: ${DEFAULT-VALUE}).")
  long maxBodyBytes;

  @Option(
      names = "--default-page-size",
      defaultValue = "${env:CLASSLARK_DEFAULT_PAGE_SIZE:-100}",
      paramLabel = "N",
      description =
          "Resources per page without count (env CLASSLARK_DEFAULT_PAGE_SIZE; default: ${DEFAULT-VALUE}).")
  int defaultPageSize;

  @Option(
      names = "--max-page-size",
      defaultValue = "${env:CLASSLARK_MAX_PAGE_SIZE:-1000}",
      paramLabel = "N",
      description =
          "Largest page; larger counts are reduced (env CLASSLARK_MAX_PAGE_SIZE; default: ${DEFAULT-VALUE}).")
  int maxPageSize;

  @Option(
      names = "--max-filter-length",
      defaultValue = "${env:CLASSLARK_MAX_FILTER_LENGTH:-4096}",
      paramLabel = "CHARS",
      description =
          "Longest filter accepted (env CLASSLARK_MAX_FILTER_LENGTH; default: ${DEFAULT-VALUE}).")
  int maxFilterLength;

  @Option(
      names = "--max-filter-depth",
      defaultValue = "${env:CLASSLARK_MAX_FILTER_DEPTH:-16}",
      paramLabel = "N",
      description =
          "Deepest nesting of a filter (env CLASSLARK_MAX_FILTER_DEPTH; default: ${DEFAULT-VALUE}).")
  int maxFilterDepth;

  @Option(
      names = "--bulk-max-operations",
      defaultValue =
          "${env:CLASSLARK_BULK_MAX_OPERATIONS:-" + BulkSettings.DEFAULT_MAX_OPERATIONS + "}",
      paramLabel = "N",
      description =
          "Most operations in one /Bulk request (env CLASSLARK_BULK_MAX_OPERATIONS; default: ${DEFAULT-VALUE}).")
  int bulkMaxOperations;

  @Option(
      names = "--bulk-max-payload-bytes",
      defaultValue =
          "${env:CLASSLARK_BULK_MAX_PAYLOAD_BYTES:-" + BulkSettings.DEFAULT_MAX_PAYLOAD_BYTES + "}",
      paramLabel = "BYTES",
      description =
          "Largest /Bulk request body; at most --max-body-bytes (env CLASSLARK_BULK_MAX_PAYLOAD_BYTES;"
              + " default: ${DEFAULT-VALUE}).")
  int bulkMaxPayloadBytes;

  @Option(
      names = "--max-connections",
      defaultValue =
          "${env:CLASSLARK_MAX_CONNECTIONS:-" + ConnectionLimits.DEFAULT_MAX_CONNECTIONS + "}",
      paramLabel = "N",
      description =
          "Most connections open at once; more wait in the accept queue (env"
              + " CLASSLARK_MAX_CONNECTIONS; default: ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(
      names = "--idle-timeout",
      defaultValue =
          "${env:CLASSLARK_IDLE_TIMEOUT:-" + ConnectionLimits.DEFAULT_IDLE_TIMEOUT_SECONDS + "s}",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Close a connection without traffic after this long, e.g. 30s or 2m (env"
              + " CLASSLARK_IDLE_TIMEOUT; default: ${DEFAULT-VALUE}).")
  Duration idleTimeout;

  @Option(
      names = "--max-header-bytes",
      defaultValue =
          "${env:CLASSLARK_MAX_HEADER_BYTES:-" + ConnectionLimits.DEFAULT_MAX_HEADER_BYTES + "}",
      paramLabel = "BYTES",
      description =
          "Largest request line plus header fields (env CLASSLARK_MAX_HEADER_BYTES; default:"
              + " ${DEFAULT-VALUE}).")
  int maxHeaderBytes;

  @Option(
      names = "--max-header-fields",
      defaultValue =
          "${env:CLASSLARK_MAX_HEADER_FIELDS:-" + ConnectionLimits.DEFAULT_MAX_HEADER_FIELDS + "}",
      paramLabel = "N",
      description =
          "Most header fields in one request (env CLASSLARK_MAX_HEADER_FIELDS; default:"
              + " ${DEFAULT-VALUE}).")
  int maxHeaderFields;

  @Option(
      names = "--shutdown-drain",
      defaultValue =
          "${env:CLASSLARK_SHUTDOWN_DRAIN:-" + ShutdownSettings.DEFAULT_DRAIN_SECONDS + "s}",
      converter = DurationConverter.OrZero.class,
      paramLabel = "DURATION",
      description =
          "On SIGTERM, go on serving this long after /readyz turned 503, so that load balancers"
              + " notice; 0 refuses at once (env CLASSLARK_SHUTDOWN_DRAIN; default: ${DEFAULT-VALUE}).")
  Duration shutdownDrain;

  @Option(
      names = "--shutdown-timeout",
      defaultValue =
          "${env:CLASSLARK_SHUTDOWN_TIMEOUT:-" + ShutdownSettings.DEFAULT_TIMEOUT_SECONDS + "s}",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "On SIGTERM, after the drain, how long requests in flight get to finish (env"
              + " CLASSLARK_SHUTDOWN_TIMEOUT; default: ${DEFAULT-VALUE}).")
  Duration shutdownTimeout;

  @Option(
      names = "--max-attribute-values",
      defaultValue =
          "${env:CLASSLARK_MAX_ATTRIBUTE_VALUES:-" + MultiValueLimit.DEFAULT_MAX_VALUES + "}",
      paramLabel = "N",
      description =
          "Most values of one multi-valued attribute (emails, phoneNumbers, …; not Group members)"
              + " (env CLASSLARK_MAX_ATTRIBUTE_VALUES; default: ${DEFAULT-VALUE}).")
  int maxAttributeValues;

  @Option(
      names = "--rate-limit",
      defaultValue =
          "${env:CLASSLARK_RATE_LIMIT:-" + FairnessSettings.DEFAULT_RATE_PER_SECOND + "}",
      paramLabel = "N",
      description =
          "Requests per second each school may sustain on this node; more get 429 with Retry-After;"
              + " 0 turns the limit off (env CLASSLARK_RATE_LIMIT; default: ${DEFAULT-VALUE}).")
  int rateLimit;

  @Option(
      names = "--rate-burst",
      defaultValue = "${env:CLASSLARK_RATE_BURST:-" + FairnessSettings.DEFAULT_BURST + "}",
      paramLabel = "N",
      description =
          "Requests a school may send at once above --rate-limit (env CLASSLARK_RATE_BURST;"
              + " default: ${DEFAULT-VALUE}).")
  int rateBurst;

  @Option(
      names = "--school-concurrency",
      defaultValue = "${env:CLASSLARK_SCHOOL_CONCURRENCY}",
      paramLabel = "N",
      description =
          "Requests of one school in progress at once on this node; more wait up to 5 s, then get"
              + " 429; 0 turns the cap off (env CLASSLARK_SCHOOL_CONCURRENCY; default: half the"
              + " database pool, 4 on SQLite and 8 on PostgreSQL).")
  Integer schoolConcurrency;

  @Option(
      names = "--management-port",
      defaultValue = "${env:CLASSLARK_MANAGEMENT_PORT}",
      paramLabel = "N",
      description =
          "Serve /metrics (Prometheus), /healthz and /readyz on this port; off when not given"
              + " (env CLASSLARK_MANAGEMENT_PORT).")
  Integer managementPort;

  @Option(
      names = "--management-host",
      defaultValue = "${env:CLASSLARK_MANAGEMENT_HOST}",
      paramLabel = "ADDR",
      description =
          "Address the management port binds (env CLASSLARK_MANAGEMENT_HOST; default: --host).")
  String managementHost;

  @Option(
      names = "--log-format",
      defaultValue = "${env:CLASSLARK_LOG_FORMAT:-text}",
      converter = LogFormatConverter.class,
      paramLabel = "FORMAT",
      description =
          "text or json: one JSON object per log line, for a log collector (env"
              + " CLASSLARK_LOG_FORMAT; default: ${DEFAULT-VALUE}).")
  LogFormat logFormat;

  @Option(
      names = "--log-retention",
      defaultValue = "${env:CLASSLARK_LOG_RETENTION:-30d}",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Delete provisioning-log entries older than this, e.g. 30d or 12h (env"
              + " CLASSLARK_LOG_RETENTION; default: ${DEFAULT-VALUE}).")
  Duration logRetention;

  @Option(
      names = "--events-max-waiting",
      defaultValue =
          "${env:CLASSLARK_EVENTS_MAX_WAITING:-" + FeedSettings.DEFAULT_MAX_WAITING + "}",
      paramLabel = "N",
      description =
          "Long polls of the change feed (GET …/events?wait=…) this node holds at once; more get"
              + " 503 with Retry-After (env CLASSLARK_EVENTS_MAX_WAITING; default:"
              + " ${DEFAULT-VALUE}).")
  int eventsMaxWaiting;

  @Option(
      names = "--no-provisioning-log",
      hidden = true,
      description = "Record no provisioning-log entries (benchmarks of the log's cost only).")
  boolean noProvisioningLog;

  @Option(
      names = "--migrate",
      description =
          "Apply pending migrations at start (always done for the embedded SQLite database).")
  boolean migrate;

  @Option(
      names = "--demo",
      description =
          "Create the '"
              + DemoSchool.NAME
              + "' account if needed and print its token and a curl line; the token is kept beside"
              + " the SQLite file and reused while valid (embedded database only).")
  boolean demo;

  @Option(
      names = "--force-demo",
      description = "--demo on a PostgreSQL database too (a new token on every start).")
  boolean forceDemo;

  @Mixin DatabaseOptions database;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    logFormat.apply();
    AppConfig config = config();
    if (demo && !forceDemo && config.database().dialect() == Dialect.POSTGRESQL) {
      throw new ParameterException(
          spec.commandLine(),
          "--demo creates the account '"
              + DemoSchool.NAME
              + "' and a token in "
              + config.database().describe()
              + ", a PostgreSQL database: demos belong on the embedded database; add --force-demo"
              + " to do it anyway");
    }
    Application application = Application.start(config, Clock.systemUTC(), publicGetRoutes);
    PrintWriter out = spec.commandLine().getOut();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stop(application, out), "classlark-shutdown"));
    String shownHost = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    String origin =
        config.http().publicBaseUrl() != null
            ? config.http().publicBaseUrl()
            : "http://" + shownHost + ":" + application.port();
    String base = origin + "/scim/v2";
    out.printf(
        "ClassLark SCIM is listening on %s:%d (database: %s)%n",
        host, application.port(), config.database().describe());
    out.printf("SCIM base URL: %s%n", base);
    out.printf("Console:       %s%s%n", origin, ConsolePaths.ROOT);
    application
        .managementPort()
        .ifPresent(
            management ->
                out.printf(
                    "Metrics:       http://%s:%d%s%n",
                    config.management().host(), management, ManagementServer.METRICS_PATH));
    if (demo || forceDemo) {
      DemoSchool.Demo prepared = DemoSchool.prepare(application.services(), config.database());
      out.printf(
          "Demo school:   %s (account %s)%n", prepared.school().name(), prepared.school().id());
      out.printf("Token:         %s%n", prepared.token());
      out.printf(
          "               %s, valid until %s%s%n",
          prepared.reused() ? "the same token as last time" : "a new token",
          prepared.tokenRecord().expiresAt(),
          prepared.tokenFile() == null
              ? ""
              : " (kept in " + prepared.tokenFile() + "; delete it for a new one)");
      out.printf(
          "Try it:%n  curl -H 'Authorization: Bearer %s' %s/ServiceProviderConfig%n",
          prepared.token(), base);
      printDemoConsoleUsers(
          out, DemoConsoleUsers.prepare(application.services(), prepared.school()), origin);
    } else {
      out.println("Issue a token with: classlark-scim tokens issue --account ID");
    }
    out.println("Press Ctrl+C to stop.");
    out.flush();
    // Serves until SIGTERM or Ctrl+C; the shutdown hook then stops the service and ends the
    // process.
    Thread.currentThread().join();
    return 0;
  }

  private static void printDemoConsoleUsers(
      PrintWriter out, java.util.List<DemoConsoleUsers.Demo> users, String origin) {
    out.println("Console users (open a link to set the password, then sign in):");
    for (DemoConsoleUsers.Demo demo : users) {
      out.printf(
          "  %-28s %-13s %s%n",
          demo.user().email(),
          demo.user().role().keyword(),
          demo.link()
              .map(link -> ConsolePaths.setPasswordLink(origin, link.secret()))
              .orElse(
                  demo.user().disabled()
                      ? "disabled"
                      : "password set: sign in at " + origin + ConsolePaths.SIGN_IN));
    }
  }

  /**
   * Stops the service on SIGTERM or Ctrl+C and ends the process: with status 0 when every request
   * in flight finished, 1 when the shutdown timeout cut some off. Without {@code halt} the JVM
   * would end a SIGTERM with status 143 whatever the hook did, which supervisors report as a
   * failure.
   */
  private static void stop(Application application, PrintWriter out) {
    int status = 1;
    try {
      status = application.shutDown() ? 0 : 1;
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(ServeCommand.class).error("shutdown failed", e);
    } finally {
      out.flush();
      Runtime.getRuntime().halt(status);
    }
  }

  /**
   * The configuration the options describe.
   *
   * @throws ParameterException (exit code 2) for values the service cannot run with
   */
  private AppConfig config() {
    try {
      DatabaseTarget target = database.target();
      return new AppConfig(
          target,
          new HttpSettings(
              host,
              port,
              maxBodyBytes,
              blankToNull(baseUrl),
              new ConnectionLimits(maxConnections, idleTimeout, maxHeaderBytes, maxHeaderFields),
              new ShutdownSettings(shutdownDrain, shutdownTimeout)),
          new QuerySettings(
              defaultPageSize, maxPageSize, new FilterLimits(maxFilterLength, maxFilterDepth)),
          new BulkSettings(bulkMaxOperations, bulkMaxPayloadBytes),
          new MultiValueLimit(maxAttributeValues),
          migrate,
          new FairnessSettings(
              rateLimit,
              rateBurst,
              schoolConcurrency != null
                  ? schoolConcurrency
                  : FairnessSettings.defaultConcurrentRequests(
                      Database.maximumPoolSize(target.dialect())),
              FairnessSettings.DEFAULT_QUEUE_TIMEOUT),
          managementPort == null
              ? null
              : new ManagementSettings(
                  managementHost == null || managementHost.isBlank() ? host : managementHost,
                  managementPort),
          LogSettings.DEFAULT.withRetention(logRetention).withEnabled(!noProvisioningLog),
          new FeedSettings(eventsMaxWaiting));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  static final class LogFormatConverter implements CommandLine.ITypeConverter<LogFormat> {
    @Override
    public LogFormat convert(String value) {
      try {
        return LogFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
