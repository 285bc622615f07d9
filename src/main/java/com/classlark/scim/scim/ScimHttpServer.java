package com.classlark.scim.scim;

import com.classlark.scim.directory.Tokens;
import com.classlark.scim.protocol.error.ScimException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: SCIM routes behind bearer authentication, the SCIM error model for every
 * failure, request limits, health endpoints and one log line per request (never a token or a body).
 */
public final class ScimHttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ScimHttpServer.class);
  private static final Logger requestLog = LoggerFactory.getLogger("com.classlark.scim.requests");
  private static final String CORRELATION_ATTRIBUTE = "classlark.correlationId";

  /** Where the README is served, without a token, at the root and under {@code /scim/v2}. */
  public static final String DOCS_PATH = "/docs";

  private static final String DOCS_RESOURCE = "docs/README.md";
  private static final Set<String> PUBLIC_PATHS =
      Set.of("/healthz", "/readyz", DOCS_PATH, BaseUrl.SCIM_PREFIX + DOCS_PATH);
  private static final Set<HandlerType> BODY_METHODS =
      Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH);

  private final Javalin app;
  private final HttpSettings settings;

  private ScimHttpServer(Javalin app, HttpSettings settings) {
    this.app = app;
    this.settings = settings;
  }

  /**
   * Builds the server; {@link #start()} binds it.
   *
   * @param readiness tells whether the database answers, for {@code /readyz}
   */
  public static ScimHttpServer create(
      HttpSettings settings,
      Tokens tokens,
      BooleanSupplier readiness,
      List<ScimRoutes> scimRoutes) {
    return create(settings, tokens, readiness, scimRoutes, Map.of());
  }

  /**
   * Builds the server with extra GET routes that need no token, such as {@link BenchmarkBaseline}.
   *
   * @param publicGetRoutes path → handler, answered without authentication; empty in production
   */
  public static ScimHttpServer create(
      HttpSettings settings,
      Tokens tokens,
      BooleanSupplier readiness,
      List<ScimRoutes> scimRoutes,
      Map<String, Handler> publicGetRoutes) {
    BearerAuth auth = new BearerAuth(tokens);
    byte[] docs = readDocs();
    Set<String> publicPaths = new HashSet<>(PUBLIC_PATHS);
    publicPaths.addAll(publicGetRoutes.keySet());
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
              config.jetty.host = settings.host();
              config.jetty.port = settings.port();
              config.jetty.modifyServer(
                  server -> server.setErrorHandler(new LowLevelErrorHandler()));
              config.requestLogger.http(ScimHttpServer::logRequest);

              config.routes.before(ctx -> prepare(ctx, settings));
              config.routes.beforeMatched(
                  ctx -> {
                    if (!publicPaths.contains(ctx.path())) {
                      auth.authenticate(ctx);
                    }
                  });
              config.routes.get(
                  "/healthz", ctx -> ctx.status(200).contentType("text/plain").result("ok"));
              config.routes.get(
                  "/readyz",
                  ctx -> {
                    boolean ready = readiness.getAsBoolean();
                    ctx.status(ready ? 200 : 503)
                        .contentType("text/plain")
                        .result(ready ? "ready" : "database unreachable");
                  });
              for (String path : List.of(DOCS_PATH, BaseUrl.SCIM_PREFIX + DOCS_PATH)) {
                config.routes.get(path, ctx -> serveDocs(ctx, docs));
              }
              publicGetRoutes.forEach(config.routes::get);
              ScimRouter router = new ScimRouter(config.routes);
              scimRoutes.forEach(routes -> routes.register(router));

              config.routes.after(ScimHttpServer::noMediaTypeWithoutContent);
              config.routes.exception(ScimException.class, (e, ctx) -> ScimResponses.error(ctx, e));
              config.routes.exception(
                  HttpResponseException.class,
                  (e, ctx) -> ScimResponses.error(ctx, translate(e, ctx)));
              config.routes.exception(Exception.class, ScimHttpServer::unexpected);
              config.routes.error(404, ScimHttpServer::notFoundIfUnanswered);
            });
    return new ScimHttpServer(app, settings);
  }

  /** The README packaged into the jar, or null when it is not on the class path. */
  private static byte[] readDocs() {
    try (InputStream in =
        ScimHttpServer.class.getClassLoader().getResourceAsStream(DOCS_RESOURCE)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DOCS_RESOURCE, e);
    }
  }

  private static void serveDocs(Context ctx, byte[] docs) {
    if (docs == null) {
      throw ScimException.notFound("The documentation is not packaged with this build.");
    }
    ctx.status(200).contentType("text/markdown; charset=utf-8").result(docs);
  }

  private static void prepare(Context ctx, HttpSettings settings) {
    ctx.attribute(CORRELATION_ATTRIBUTE, UUID.randomUUID().toString());
    ctx.header("X-Correlation-Id", correlationId(ctx));
    String uri =
        ctx.req().getRequestURI() + "?" + Objects.requireNonNullElse(ctx.queryString(), "");
    if (uri.toLowerCase(java.util.Locale.ROOT).contains("%00")) {
      // No identifier, filter or cursor contains U+0000, and PostgreSQL cannot even compare with
      // it.
      throw ScimException.invalidValue("The URL must not contain the NUL character (%00).");
    }
    if (BODY_METHODS.contains(ctx.method())) {
      long length = ctx.contentLength();
      if (length > settings.maxBodyBytes()) {
        throw tooLarge(settings.maxBodyBytes());
      }
      if (!PUBLIC_PATHS.contains(ctx.path())) {
        ScimMediaType.requireJsonBody(ctx.contentType());
      }
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

  static ScimException tooLarge(long limit) {
    return ScimException.payloadTooLarge(
        "The request body is larger than the limit of " + limit + " bytes.");
  }

  private static ScimException translate(HttpResponseException e, Context ctx) {
    return switch (e.getStatus()) {
      case 404 -> noRoute(ctx);
      case 405 ->
          ScimException.methodNotAllowed(ctx.method() + " is not supported on " + ctx.path() + ".");
      case 413 -> ScimException.payloadTooLarge("The request body is too large.");
      default -> new ScimException(e.getStatus(), null, e.getMessage());
    };
  }

  private static ScimException noRoute(Context ctx) {
    return ScimException.notFound(
        "There is no SCIM endpoint at "
            + ctx.path()
            + ". SCIM endpoints are /Users, /Groups, /Bulk,"
            + " /.search, /ServiceProviderConfig, /Schemas and /ResourceTypes, at the root or under"
            + " /scim/v2.");
  }

  private static void notFoundIfUnanswered(Context ctx) {
    String body = ctx.result();
    if (body == null
        || body.isEmpty()
        || !ScimMediaType.RESPONSE_CONTENT_TYPE.equals(ctx.res().getContentType())) {
      ScimResponses.error(ctx, noRoute(ctx));
    }
  }

  private static void unexpected(Exception e, Context ctx) {
    String correlationId = correlationId(ctx);
    log.error(
        "unexpected error on {} {} correlation={}", ctx.method(), ctx.path(), correlationId, e);
    ScimResponses.error(
        ctx,
        new ScimException(
            500,
            null,
            "An internal error occurred. Quote correlation id "
                + correlationId
                + " to ClassLark support."));
  }

  private static void logRequest(Context ctx, Float millis) {
    requestLog.info(
        "{} {} {} {}ms account={} correlation={}",
        ctx.method(),
        ctx.path(),
        ctx.statusCode(),
        String.format(java.util.Locale.ROOT, "%.1f", millis),
        Objects.requireNonNullElse(BearerAuth.accountIdOrNull(ctx), "-"),
        correlationId(ctx));
  }

  static String correlationId(Context ctx) {
    String id = ctx.attribute(CORRELATION_ATTRIBUTE);
    return id == null ? "-" : id;
  }

  /** Binds the port; fails with {@link PortInUseException} when it is taken. */
  public ScimHttpServer start() {
    try {
      app.start();
    } catch (RuntimeException e) {
      if (isBindFailure(e)) {
        throw new PortInUseException(settings.host(), settings.port(), e);
      }
      throw e;
    }
    return this;
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.net.BindException) {
        return true;
      }
    }
    return false;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
