package com.classlark.scim.app;

import com.classlark.scim.api.ApiAdapter;
import com.classlark.scim.console.ConsoleAdapter;
import com.classlark.scim.console.SupportOperations;
import com.classlark.scim.directory.Bulk;
import com.classlark.scim.directory.log.LogRetention;
import com.classlark.scim.directory.log.ProvisioningLogWriter;
import com.classlark.scim.protocol.schema.ServiceProviderConfig;
import com.classlark.scim.scim.BulkRoutes;
import com.classlark.scim.scim.DiscoveryRoutes;
import com.classlark.scim.scim.GroupsRoutes;
import com.classlark.scim.scim.MeRoutes;
import com.classlark.scim.scim.ProvisioningCapture;
import com.classlark.scim.scim.RootSearchRoutes;
import com.classlark.scim.scim.ScimAdapter;
import com.classlark.scim.scim.ServiceProviderConfigRoutes;
import com.classlark.scim.scim.UsersRoutes;
import com.classlark.scim.store.Database;
import com.classlark.scim.store.Database.SchemaPolicy;
import com.classlark.scim.store.DatabaseUnavailableException;
import com.classlark.scim.store.Dialect;
import com.classlark.scim.web.ManagementServer;
import com.classlark.scim.web.Metrics;
import com.classlark.scim.web.SchoolFairness;
import com.classlark.scim.web.StartupGate;
import com.classlark.scim.web.WebServer;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: database, domain services and HTTP server, wired in one place that both
 * {@link Main} and the tests use.
 */
public final class Application implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Application.class);

  /** How long a stopping node waits for its provisioning-log entries to be written. */
  private static final Duration LOG_FLUSH_TIMEOUT = Duration.ofSeconds(5);

  private final Services services;
  private final WebServer server;
  private final ManagementServer management;
  private final Metrics metrics;
  private final ProvisioningLogWriter logWriter;
  private final LogRetention retention;
  private final StartupGate gate;

  private Application(
      Services services,
      WebServer server,
      ManagementServer management,
      Metrics metrics,
      ProvisioningLogWriter logWriter,
      LogRetention retention,
      StartupGate gate) {
    this.services = services;
    this.server = server;
    this.management = management;
    this.metrics = metrics;
    this.logWriter = logWriter;
    this.retention = retention;
    this.gate = gate;
  }

  /**
   * Starts serving, and the management port when one is configured, then opens the database
   * (migrating it when asked or when it is embedded): until then {@code /healthz} answers, {@code
   * /readyz} and every other request get 503 (see {@link StartupGate}). Returns once the service is
   * ready.
   *
   * @throws DatabaseUnavailableException when the database cannot be opened or used; the server is
   *     stopped again
   */
  public static Application start(AppConfig config, Clock clock) {
    return start(config, clock, Map.of());
  }

  /**
   * {@link #start(AppConfig, Clock)} with routes of a harness's own, answered without a token, such
   * as the HTTP benchmark's baseline; the service itself has none.
   *
   * @param publicGetRoutes path → handler of GET routes besides the service's
   */
  public static Application start(
      AppConfig config, Clock clock, Map<String, Handler> publicGetRoutes) {
    Application application = listen(config, clock, publicGetRoutes);
    application.openDatabase(config);
    return application;
  }

  /**
   * The first half of {@link #start(AppConfig, Clock, Map)}: serving, and the management port, with
   * the database not yet opened, so every request but {@code /healthz} gets 503.
   */
  static Application listen(AppConfig config, Clock clock, Map<String, Handler> publicGetRoutes) {
    Metrics metrics = config.management() == null ? Metrics.off() : Metrics.prometheus();
    Database database;
    try {
      database =
          Database.create(
              config.database(),
              metrics.registry().map(MicrometerMetricsTrackerFactory::new).orElse(null));
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
    try {
      return start(
          config,
          Services.over(
              database, clock, config.valueLimit(), config.queries().filterLimits(), config.feed()),
          metrics,
          publicGetRoutes,
          StartupGate.starting());
    } catch (RuntimeException e) {
      database.close();
      metrics.close();
      throw e;
    }
  }

  /**
   * The second half of {@link #start(AppConfig, Clock, Map)}: opens the database, migrating it when
   * asked or when it is embedded, then lets requests through; on failure stops everything.
   */
  void openDatabase(AppConfig config) {
    Database database = services.database();
    try {
      database.connect();
      boolean embedded = config.database().dialect() == Dialect.SQLITE;
      database.prepareSchema(
          config.migrate() || embedded ? SchemaPolicy.MIGRATE : SchemaPolicy.REQUIRE_CURRENT);
      database.optimize();
    } catch (RuntimeException | Error e) {
      // Also on an Error: the server's threads would otherwise keep a process that answers
      // /healthz and never becomes ready.
      close();
      throw e;
    }
    retention.start();
    services.feedSequencer().start();
    gate.markStarted();
  }

  private static Application start(
      AppConfig config,
      Services services,
      Metrics metrics,
      Map<String, Handler> publicGetRoutes,
      StartupGate gate) {
    ProvisioningLogWriter logWriter =
        ProvisioningLogWriter.start(services.provisioningLogStore(), config.log().queueCapacity());
    LogRetention retention =
        new LogRetention(
            List.of(
                services.provisioningLogStore()::deleteOlderThan,
                services.eventStore()::deleteOlderThan),
            config.log().retention(),
            services.clock());
    metrics
        .registry()
        .ifPresent(
            registry -> {
              FunctionCounter.builder(
                      "provisioning_log_dropped", logWriter, ProvisioningLogWriter::dropped)
                  .description("Provisioning-log entries dropped because the queue was full")
                  .register(registry);
              FunctionCounter.builder(
                      "provisioning_log_failed", logWriter, ProvisioningLogWriter::failed)
                  .description("Provisioning-log entries lost because their insert failed")
                  .register(registry);
              Gauge.builder("provisioning_log_pending", logWriter, ProvisioningLogWriter::pending)
                  .description("Provisioning-log entries queued or being written")
                  .register(registry);
            });
    try {
      return start(config, services, metrics, logWriter, retention, publicGetRoutes, gate);
    } catch (RuntimeException e) {
      retention.close();
      logWriter.close();
      services.feedSequencer().close();
      throw e;
    }
  }

  private static Application start(
      AppConfig config,
      Services services,
      Metrics metrics,
      ProvisioningLogWriter logWriter,
      LogRetention retention,
      Map<String, Handler> publicGetRoutes,
      StartupGate gate) {
    String baseUrl = config.http().publicBaseUrl();
    UsersRoutes users =
        new UsersRoutes(services.staff(), services.cursors(), config.queries(), baseUrl);
    GroupsRoutes groups =
        new GroupsRoutes(services.groups(), services.cursors(), config.queries(), baseUrl);
    ScimAdapter scim =
        new ScimAdapter(
            services.tokens(),
            List.of(
                new ServiceProviderConfigRoutes(serviceProviderConfig(config), baseUrl),
                new DiscoveryRoutes(baseUrl, config.valueLimit()),
                users,
                groups,
                new RootSearchRoutes(users, groups),
                new BulkRoutes(
                    new Bulk(services.staff(), services.groups()), config.bulk(), baseUrl),
                new MeRoutes()),
            publicGetRoutes,
            metrics.errorCounter("scim.errors", "scimType"),
            config.log().enabled()
                ? new ProvisioningCapture(logWriter, services.clock())
                : ProvisioningCapture.OFF);
    WebServer server =
        WebServer.create(
            config.http(),
            services.database()::isReachable,
            List.of(
                scim,
                ApiAdapter.create(
                    services.apiKeys(),
                    services.schools(),
                    services.scimAccess(),
                    services.staffSection(),
                    services.groupSection(),
                    services.schoolRelease(),
                    services.provisioningLog(),
                    services.changeFeed(),
                    services.clock()),
                new ConsoleAdapter(
                    services.console().users(),
                    services.console().sessions(),
                    services.console().schools(),
                    services.staffSection(),
                    services.groupSection(),
                    new SupportOperations(
                        services.schools(),
                        services.scimAccess(),
                        services.staffSection(),
                        services.schoolRelease(),
                        services.provisioningLog(),
                        services.clock()),
                    baseUrl)),
            new SchoolFairness(config.fairness(), services.clock(), metrics),
            metrics,
            gate);
    server.start();
    if (config.management() == null) {
      return new Application(services, server, null, metrics, logWriter, retention, gate);
    }
    try {
      ManagementServer management =
          ManagementServer.start(config.management(), metrics, server::unreadiness);
      return new Application(services, server, management, metrics, logWriter, retention, gate);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  static ServiceProviderConfig serviceProviderConfig(AppConfig config) {
    return new ServiceProviderConfig(
        true,
        new ServiceProviderConfig.Bulk(
            true, config.bulk().maxOperations(), config.bulk().maxPayloadBytes()),
        config.queries().maxPageSize(),
        true,
        true,
        new ServiceProviderConfig.Pagination(
            true,
            true,
            "index",
            config.queries().defaultPageSize(),
            config.queries().maxPageSize(),
            (int) Services.CURSOR_TIMEOUT.toSeconds()),
        ScimAdapter.DOCS_PATH,
        ScimAdapter.AUTHENTICATION_DOCS_PATH);
  }

  public Services services() {
    return services;
  }

  public int port() {
    return server.port();
  }

  /** The writer of this node's provisioning-log entries. */
  public ProvisioningLogWriter provisioningLogWriter() {
    return logWriter;
  }

  /** This node's deletion of old provisioning-log entries. */
  public LogRetention logRetention() {
    return retention;
  }

  /** The management port, when one is configured. */
  public java.util.OptionalInt managementPort() {
    return management == null
        ? java.util.OptionalInt.empty()
        : java.util.OptionalInt.of(management.port());
  }

  /**
   * Stops on SIGTERM: the server drains and lets the requests in flight finish (see {@link
   * WebServer#stopGracefully()}), then the database pool closes.
   *
   * @return true when every request in flight finished within the shutdown timeout
   */
  public boolean shutDown() {
    boolean finished;
    // Waiting long polls answer now (with what they have), so that they do not hold the drain.
    services.changeFeed().close();
    try {
      finished = server.stopGracefully();
    } finally {
      try {
        retention.close();
        services.feedSequencer().close();
        if (!logWriter.close(LOG_FLUSH_TIMEOUT)) {
          log.warn("the provisioning log was not flushed within {}", LOG_FLUSH_TIMEOUT);
        }
        services.database().close();
      } finally {
        closeMonitoring();
      }
    }
    if (finished) {
      log.info("stopped: every request in flight finished; the database pool is closed");
    } else {
      log.warn("stopped after the shutdown timeout cut requests off; the database pool is closed");
    }
    return finished;
  }

  /** Stops at once, closing every connection and the database pool. */
  @Override
  public void close() {
    services.changeFeed().close();
    try {
      server.close();
    } finally {
      try {
        retention.close();
        services.feedSequencer().close();
        logWriter.close(LOG_FLUSH_TIMEOUT);
        services.database().close();
      } finally {
        closeMonitoring();
      }
    }
  }

  /** The management port and the metrics, last, so that they report until the end. */
  private void closeMonitoring() {
    try {
      if (management != null) {
        management.close();
      }
    } finally {
      metrics.close();
    }
  }
}
