package com.classlark.scim.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP server of the process and the concerns every adapter shares: request limits,
 * correlation ids, one log line per request (never a token or a body), health endpoints, and the
 * routing of every failure to the adapter that owns the request's path, which writes it in its own
 * format.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);

  /** Health endpoints: no authentication, the same for every adapter. */
  public static final String HEALTH_PATH = Health.HEALTH_PATH;

  public static final String READY_PATH = Health.READY_PATH;

  private static final String ANSWERED_ATTRIBUTE = "classlark.errorAnswered";
  private static final Set<String> OWN_PATHS = Set.of(HEALTH_PATH, READY_PATH);
  private static final Set<HandlerType> BODY_METHODS =
      Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH);

  /** How long a client should wait before it tries again while the service is starting. */
  private static final String STARTING_RETRY_AFTER_SECONDS = "1";

  private final Javalin app;
  private final GracefulShutdown shutdown;
  private final BooleanSupplier readiness;
  private final StartupGate gate;

  private WebServer(
      Javalin app, GracefulShutdown shutdown, BooleanSupplier readiness, StartupGate gate) {
    this.app = app;
    this.shutdown = shutdown;
    this.readiness = readiness;
    this.gate = gate;
  }

  /** Builds a server without per-school limits or metrics; {@link #start()} binds it. */
  public static WebServer create(
      HttpSettings settings, BooleanSupplier readiness, List<WebAdapter> adapters) {
    return create(settings, readiness, adapters, SchoolFairness.off(), Metrics.off());
  }

  /**
   * Builds a server for a service that has started; {@link #start()} binds it.
   *
   * @param readiness tells whether the database answers, for {@code /readyz}
   * @param adapters the adapters; exactly one of them owns the prefix {@code ""}
   * @param fairness admits each request that acts for a school under that school's fair share
   * @param metrics records every request
   */
  public static WebServer create(
      HttpSettings settings,
      BooleanSupplier readiness,
      List<WebAdapter> adapters,
      SchoolFairness fairness,
      Metrics metrics) {
    return create(settings, readiness, adapters, fairness, metrics, StartupGate.started());
  }

  /**
   * Builds the server; {@link #start()} binds it, and it serves the adapters' routes once {@code
   * gate} is marked started (503 with {@code Retry-After} before, {@code /healthz} at once).
   */
  public static WebServer create(
      HttpSettings settings,
      BooleanSupplier readiness,
      List<WebAdapter> adapters,
      SchoolFairness fairness,
      Metrics metrics,
      StartupGate gate) {
    AdapterDirectory owners = new AdapterDirectory(adapters);
    GracefulShutdown shutdown = new GracefulShutdown(settings.shutdown());
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.concurrency.useVirtualThreads = true;
              config.http.prefer405over404 = true;
              config.http.maxRequestSize = settings.maxBodyBytes();
              config.http.generateEtags = false;
              config.router.ignoreTrailingSlashes = true;
              config.router.treatMultipleSlashesAsSingleSlash = true;
              config.jetty.addConnector(
                  (server, http) ->
                      settings
                          .connections()
                          .openConnector(server, http, settings.host(), settings.port()));
              config.jetty.modifyServer(
                  server ->
                      server.setErrorHandler(
                          new LowLevelErrorHandler(owners, settings.connections())));
              config.jetty.modifyServer(shutdown::install);
              config.requestLogger.http(
                  (ctx, millis) -> {
                    RequestLog.write(ctx, millis);
                    metrics.recordRequest(ctx, millis);
                  });

              config.routes.before(
                  ctx -> {
                    prepare(ctx, settings);
                    if (!OWN_PATHS.contains(ctx.path())) {
                      holdBackWhileStarting(ctx, gate);
                      owners.ownerOf(ctx.path()).before(ctx);
                    }
                  });
              config.routes.beforeMatched(
                  ctx -> {
                    if (!OWN_PATHS.contains(ctx.path())) {
                      owners.ownerOf(ctx.path()).beforeMatched(ctx);
                      fairness.admit(ctx);
                    }
                  });
              Health.register(config.routes, () -> unreadiness(shutdown, readiness, gate));
              adapters.forEach(adapter -> adapter.register(config.routes));

              config.routes.after(fairness::release);
              config.routes.after(WebServer::noMediaTypeWithoutContent);
              config.routes.exception(
                  HttpResponseException.class,
                  (e, ctx) -> write(ctx, owners, translate(e, ctx, settings)));
              config.routes.exception(
                  WebFailureException.class, (e, ctx) -> write(ctx, owners, e.failure()));
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    if (owners.ownerOf(ctx.path()).writeError(ctx, e)) {
                      ctx.attribute(ANSWERED_ATTRIBUTE, Boolean.TRUE);
                    } else {
                      unexpected(e, ctx, owners);
                    }
                  });
              config.routes.error(404, ctx -> noRouteIfUnanswered(ctx, owners));
            });
    return new WebServer(app, shutdown, readiness, gate);
  }

  /**
   * Why the service should get no traffic now, for {@code /readyz} here and on the management port:
   * it is still starting, it is shutting down, or the database does not answer; empty when it is
   * ready.
   */
  public Optional<String> unreadiness() {
    return unreadiness(shutdown, readiness, gate);
  }

  private static Optional<String> unreadiness(
      GracefulShutdown shutdown, BooleanSupplier readiness, StartupGate gate) {
    if (!gate.isStarted()) {
      return Optional.of("starting");
    }
    if (shutdown.draining()) {
      return Optional.of("shutting down");
    }
    return readiness.getAsBoolean() ? Optional.empty() : Optional.of("database unreachable");
  }

  private static void prepare(Context ctx, HttpSettings settings) {
    CorrelationIds.assign(ctx);
    RequestChecks.check(ctx);
    if (BODY_METHODS.contains(ctx.method()) && ctx.contentLength() > settings.maxBodyBytes()) {
      throw new WebFailureException(tooLarge(settings.maxBodyBytes()));
    }
  }

  /**
   * Before the database is open and migrated, an adapter could only fail (or wait on the pool): the
   * request gets 503 and {@code Retry-After} at once, before authentication.
   */
  private static void holdBackWhileStarting(Context ctx, StartupGate gate) {
    if (!gate.isStarted()) {
      ctx.header("Retry-After", STARTING_RETRY_AFTER_SECONDS);
      throw new WebFailureException(
          new WebFailure(
              WebFailure.Reason.STARTING,
              503,
              "The service is starting; try again in "
                  + STARTING_RETRY_AFTER_SECONDS
                  + " second."));
    }
  }

  private static WebFailure tooLarge(long limit) {
    return new WebFailure(
        WebFailure.Reason.BODY_TOO_LARGE,
        413,
        "The request body is larger than the limit of " + limit + " bytes.");
  }

  private static WebFailure translate(HttpResponseException e, Context ctx, HttpSettings settings) {
    return switch (e.getStatus()) {
      case 404 -> noRoute(ctx);
      case 405 ->
          new WebFailure(
              WebFailure.Reason.METHOD_NOT_ALLOWED,
              405,
              ctx.method() + " is not supported on " + ctx.path() + ".");
      case 413 -> tooLarge(settings.maxBodyBytes());
      default -> WebFailure.of(e.getStatus(), e.getMessage());
    };
  }

  private static WebFailure noRoute(Context ctx) {
    return new WebFailure(
        WebFailure.Reason.NO_ROUTE, 404, "There is no endpoint at " + ctx.path() + ".");
  }

  private static void write(Context ctx, AdapterDirectory owners, WebFailure failure) {
    WebRequest.failure(ctx, failure);
    ErrorBody body = owners.ownerOf(ctx.path()).render(failure, ctx.path());
    ctx.status(failure.status()).contentType(body.contentType()).result(body.body());
    ctx.attribute(ANSWERED_ATTRIBUTE, Boolean.TRUE);
  }

  /**
   * A 404 that neither the server nor an adapter answered (Javalin's own "endpoint not found"): the
   * owner of the path writes it in its format.
   */
  private static void noRouteIfUnanswered(Context ctx, AdapterDirectory owners) {
    if (ctx.attribute(ANSWERED_ATTRIBUTE) == null) {
      write(ctx, owners, noRoute(ctx));
    }
  }

  /**
   * 204 and 304 carry no content, so no media type: without this, Javalin's default {@code
   * text/plain} made clients that read every success body (the UnboundID SCIM SDK) fail on a 204 to
   * PATCH.
   */
  private static void noMediaTypeWithoutContent(Context ctx) {
    int status = ctx.status().getCode();
    if (status == 204 || status == 304) {
      ctx.res().setContentType(null);
    }
  }

  private static void unexpected(Exception e, Context ctx, AdapterDirectory owners) {
    String correlationId = WebRequest.correlationId(ctx);
    log.error(
        "unexpected error on {} {} correlation={}", ctx.method(), ctx.path(), correlationId, e);
    write(
        ctx,
        owners,
        new WebFailure(
            WebFailure.Reason.INTERNAL,
            500,
            "An internal error occurred. Quote correlation id "
                + correlationId
                + " to ClassLark support."));
  }

  /** Binds the port; fails with {@link PortInUseException} when it is taken. */
  public WebServer start() {
    app.start();
    return this;
  }

  public int port() {
    return app.port();
  }

  /**
   * Stops the server the way SIGTERM should, see {@link GracefulShutdown}: {@code /readyz} answers
   * 503 at once, requests are served for the drain window, then refused, and those in flight
   * finish.
   *
   * @return true when every request in flight finished within the shutdown timeout
   */
  public boolean stopGracefully() {
    return shutdown.stop(app::stop);
  }

  /** Stops the server at once, closing every connection. */
  @Override
  public void close() {
    app.stop();
  }

  /** Which adapter owns a path: the longest matching prefix. */
  static final class AdapterDirectory {
    private record Owner(String prefix, WebAdapter adapter) {}

    private final List<Owner> owners;

    AdapterDirectory(List<WebAdapter> adapters) {
      this.owners =
          adapters.stream()
              .flatMap(adapter -> adapter.pathPrefixes().stream().map(p -> new Owner(p, adapter)))
              .sorted(Comparator.comparingInt((Owner owner) -> owner.prefix().length()).reversed())
              .toList();
      long roots = owners.stream().filter(owner -> owner.prefix().isEmpty()).count();
      if (roots != 1) {
        throw new IllegalArgumentException(
            "exactly one adapter must own the prefix \"\", found " + roots);
      }
    }

    WebAdapter ownerOf(String path) {
      for (Owner owner : owners) {
        String prefix = owner.prefix();
        if (prefix.isEmpty()
            || path.equals(prefix)
            || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/')) {
          return owner.adapter();
        }
      }
      throw new IllegalStateException("no adapter owns " + path);
    }
  }
}
