package com.classlark.scim.scim;

import com.classlark.scim.directory.Tokens;
import com.classlark.scim.protocol.error.ScimErrors;
import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.error.ScimType;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.web.ErrorBody;
import com.classlark.scim.web.ErrorCounter;
import com.classlark.scim.web.WebAdapter;
import com.classlark.scim.web.WebFailure;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SCIM API as an adapter of the one server: its routes at the root and under {@code /scim/v2}
 * behind bearer authentication, and the SCIM error model (RFC 7644 §3.12) for every failure of a
 * request it owns.
 */
public final class ScimAdapter implements WebAdapter {
  /**
   * Where the identity-provider guide is served as HTML, without a token, at the root and under
   * {@code /scim/v2}.
   */
  public static final String DOCS_PATH = "/docs";

  /** The guide's section on the base URL and the token, for the authentication scheme. */
  public static final String AUTHENTICATION_DOCS_PATH = DOCS_PATH + "#base-url-and-token";

  /** Nothing but the page's own stylesheet: the guide has no script, image or form. */
  private static final String DOCS_SECURITY_POLICY =
      "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none';"
          + " frame-ancestors 'none'";

  private static final List<String> DOCS_PREFIXES = List.of("", BaseUrl.SCIM_PREFIX);
  private static final Set<String> PUBLIC_PATHS =
      Set.of(
          DOCS_PATH,
          BaseUrl.SCIM_PREFIX + DOCS_PATH,
          GuidePage.STYLESHEET_PATH,
          BaseUrl.SCIM_PREFIX + GuidePage.STYLESHEET_PATH);
  private static final Set<HandlerType> BODY_METHODS =
      Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH);

  private final BearerAuth auth;
  private final List<ScimRoutes> scimRoutes;
  private final Map<String, Handler> publicGetRoutes;
  private final Set<String> publicPaths;
  private final GuidePage guide;
  private final ErrorCounter errors;
  private final ProvisioningCapture capture;

  /**
   * @param publicGetRoutes path → handler, answered without authentication, such as the HTTP
   *     benchmark's baseline; empty in production
   * @param errors counts every SCIM error this adapter writes, by {@code scimType}
   * @param capture writes the provisioning log of the SCIM requests
   */
  public ScimAdapter(
      Tokens tokens,
      List<ScimRoutes> scimRoutes,
      Map<String, Handler> publicGetRoutes,
      ErrorCounter errors,
      ProvisioningCapture capture) {
    this.auth = new BearerAuth(tokens);
    this.errors = errors;
    this.capture = capture;
    this.scimRoutes = List.copyOf(scimRoutes);
    this.publicGetRoutes = Map.copyOf(publicGetRoutes);
    Set<String> paths = new HashSet<>(PUBLIC_PATHS);
    paths.addAll(publicGetRoutes.keySet());
    this.publicPaths = Set.copyOf(paths);
    this.guide = GuidePage.load();
  }

  public ScimAdapter(Tokens tokens, List<ScimRoutes> scimRoutes) {
    this(tokens, scimRoutes, Map.of(), ErrorCounter.NONE, ProvisioningCapture.OFF);
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("");
  }

  @Override
  public void register(RoutesConfig routes) {
    for (String prefix : DOCS_PREFIXES) {
      routes.get(prefix + DOCS_PATH, ctx -> serveDocs(ctx, "text/html", guide.html()));
      routes.get(
          prefix + GuidePage.STYLESHEET_PATH, ctx -> serveDocs(ctx, "text/css", guide.css()));
    }
    publicGetRoutes.forEach(routes::get);
    ScimRouter router = new ScimRouter(routes);
    scimRoutes.forEach(group -> group.register(router));
    routes.after(capture::finished);
  }

  @Override
  public void before(Context ctx) {
    if (!publicPaths.contains(ctx.path())) {
      capture.started(ctx);
    }
    String query = ctx.queryString();
    if (ctx.req().getRequestURI().contains("%00") || (query != null && query.contains("%00"))) {
      // No identifier, filter or cursor contains U+0000, and PostgreSQL cannot even compare with
      // it.
      throw ScimException.invalidValue("The URL must not contain the NUL character (%00).");
    }
    if (BODY_METHODS.contains(ctx.method()) && !publicPaths.contains(ctx.path())) {
      ScimMediaType.requireJsonBody(ctx.contentType());
    }
  }

  @Override
  public void beforeMatched(Context ctx) {
    if (!publicPaths.contains(ctx.path())) {
      auth.authenticate(ctx);
    }
  }

  @Override
  public boolean writeError(Context ctx, Exception exception) {
    if (exception instanceof ScimException scim) {
      errors.count(scim.scimType().map(ScimType::keyword).orElse(null), scim.status());
      ProvisioningCapture.error(ctx, scim);
      ScimResponses.error(ctx, scim);
      return true;
    }
    return false;
  }

  @Override
  public ErrorBody render(WebFailure failure, String path) {
    ScimException error = asScimError(failure, path);
    errors.count(null, error.status());
    try {
      return new ErrorBody(
          ScimMediaType.RESPONSE_CONTENT_TYPE,
          Json.MAPPER.writeValueAsBytes(ScimErrors.body(error)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a SCIM error", e);
    }
  }

  /** A failure the server detected, as the SCIM error this adapter answers it with. */
  static ScimException asScimError(WebFailure failure, String path) {
    return switch (failure.reason()) {
      case NO_ROUTE -> noRoute(path);
      case METHOD_NOT_ALLOWED,
          MALFORMED,
          BODY_TOO_LARGE,
          UNSUPPORTED_MEDIA_TYPE,
          STARTING,
          SHUTTING_DOWN,
          RATE_LIMITED,
          INTERNAL ->
          new ScimException(failure.status(), null, failure.detail());
    };
  }

  private static ScimException noRoute(String path) {
    return ScimException.notFound(
        "There is no SCIM endpoint at "
            + path
            + ". SCIM endpoints are /Users, /Groups, /Bulk,"
            + " /.search, /ServiceProviderConfig, /Schemas and /ResourceTypes, at the root or under"
            + " /scim/v2.");
  }

  private static void serveDocs(Context ctx, String mediaType, byte[] content) {
    ctx.header("Content-Security-Policy", DOCS_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.status(200).contentType(mediaType + "; charset=utf-8").result(content);
  }
}
