package com.classlark.scim.web;

import io.javalin.Javalin;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The management port: {@code GET /metrics} in the Prometheus text format, {@code /healthz} and
 * {@code /readyz}. A server of its own, so that the metrics are never on the port clients reach,
 * and a monitoring system can still scrape while the main port is saturated.
 */
public final class ManagementServer implements AutoCloseable {
  public static final String METRICS_PATH = "/metrics";

  /** The text exposition format 0.0.4, which every Prometheus version scrapes. */
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Javalin app;

  private ManagementServer(Javalin app) {
    this.app = app;
  }

  /**
   * Binds the management port; fails with {@link PortInUseException} when it is taken.
   *
   * @param unreadiness why the service should get no traffic now (see {@link
   *     WebServer#unreadiness()}); empty when it is ready
   */
  public static ManagementServer start(
      ManagementSettings settings, Metrics metrics, Supplier<Optional<String>> unreadiness) {
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.concurrency.useVirtualThreads = true;
              config.jetty.addConnector(
                  (server, http) ->
                      ConnectionLimits.DEFAULTS.openConnector(
                          server, http, settings.host(), settings.port()));
              config.routes.get(
                  METRICS_PATH, ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
              Health.register(config.routes, unreadiness);
            });
    try {
      app.start();
    } catch (PortInUseException e) {
      throw new PortInUseException(
          "management port "
              + settings.port()
              + " on "
              + settings.host()
              + " is already in use; choose another with --management-port or"
              + " CLASSLARK_MANAGEMENT_PORT",
          e.getCause());
    }
    return new ManagementServer(app);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
