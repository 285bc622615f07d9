package com.classlark.scim.app;

import com.classlark.scim.directory.Bulk;
import com.classlark.scim.protocol.schema.ServiceProviderConfig;
import com.classlark.scim.scim.BenchmarkBaseline;
import com.classlark.scim.scim.BulkRoutes;
import com.classlark.scim.scim.DiscoveryRoutes;
import com.classlark.scim.scim.GroupsRoutes;
import com.classlark.scim.scim.MeRoutes;
import com.classlark.scim.scim.RootSearchRoutes;
import com.classlark.scim.scim.ScimAdapter;
import com.classlark.scim.scim.ServiceProviderConfigRoutes;
import com.classlark.scim.scim.UsersRoutes;
import com.classlark.scim.store.Database;
import com.classlark.scim.store.Database.SchemaPolicy;
import com.classlark.scim.store.Dialect;
import com.classlark.scim.web.WebServer;
import java.time.Clock;
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

  private final Services services;
  private final WebServer server;

  private Application(Services services, WebServer server) {
    this.services = services;
    this.server = server;
  }

  /** Opens the database (migrating it when asked or when it is embedded) and starts serving. */
  public static Application start(AppConfig config, Clock clock) {
    Database database = Database.open(config.database());
    try {
      boolean embedded = config.database().dialect() == Dialect.SQLITE;
      database.prepareSchema(
          config.migrate() || embedded ? SchemaPolicy.MIGRATE : SchemaPolicy.REQUIRE_CURRENT);
      database.optimize();
      return start(config, Services.over(database, clock, config.valueLimit()));
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  static Application start(AppConfig config, Services services) {
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
            config.benchmarkBaseline()
                ? Map.of(BenchmarkBaseline.PATH, BenchmarkBaseline::handle)
                : Map.of());
    WebServer server =
        WebServer.create(config.http(), services.database()::isReachable, List.of(scim));
    server.start();
    return new Application(services, server);
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

  /**
   * Stops on SIGTERM: the server drains and lets the requests in flight finish (see {@link
   * WebServer#stopGracefully()}), then the database pool closes.
   *
   * @return true when every request in flight finished within the shutdown timeout
   */
  public boolean shutDown() {
    boolean finished;
    try {
      finished = server.stopGracefully();
    } finally {
      services.database().close();
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
    try {
      server.close();
    } finally {
      services.database().close();
    }
  }
}
