package com.classlark.scim.scim;

import com.classlark.scim.directory.Tokens;
import com.classlark.scim.protocol.error.ScimErrors;
import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.web.ErrorBody;
import com.classlark.scim.web.WebAdapter;
import com.classlark.scim.web.WebFailure;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The SCIM API as an adapter of the one server: its routes at the root and under {@code /scim/v2}
 * behind bearer authentication, and the SCIM error model (RFC 7644 §3.12) for every failure of a
 * request it owns.
 */
public final class ScimAdapter implements WebAdapter {
  /** Where the documentation is served, without a token, at the root and under {@code /scim/v2}. */
  public static final String DOCS_PATH = "/docs";

  private static final String DOCS_RESOURCE = "docs/README.md";
  private static final Set<String> PUBLIC_PATHS =
      Set.of(DOCS_PATH, BaseUrl.SCIM_PREFIX + DOCS_PATH);
  private static final Set<HandlerType> BODY_METHODS =
      Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH);

  private final BearerAuth auth;
  private final List<ScimRoutes> scimRoutes;
  private final Map<String, Handler> publicGetRoutes;
  private final Set<String> publicPaths;
  private final byte[] docs;

  /**
   * @param publicGetRoutes path → handler, answered without authentication, such as {@link
   *     BenchmarkBaseline}; empty in production
   */
  public ScimAdapter(
      Tokens tokens, List<ScimRoutes> scimRoutes, Map<String, Handler> publicGetRoutes) {
    this.auth = new BearerAuth(tokens);
    this.scimRoutes = List.copyOf(scimRoutes);
    this.publicGetRoutes = Map.copyOf(publicGetRoutes);
    Set<String> paths = new HashSet<>(PUBLIC_PATHS);
    paths.addAll(publicGetRoutes.keySet());
    this.publicPaths = Set.copyOf(paths);
    this.docs = readDocs();
  }

  public ScimAdapter(Tokens tokens, List<ScimRoutes> scimRoutes) {
    this(tokens, scimRoutes, Map.of());
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("");
  }

  @Override
  public void register(RoutesConfig routes) {
    for (String path : List.of(DOCS_PATH, BaseUrl.SCIM_PREFIX + DOCS_PATH)) {
      routes.get(path, this::serveDocs);
    }
    publicGetRoutes.forEach(routes::get);
    ScimRouter router = new ScimRouter(routes);
    scimRoutes.forEach(group -> group.register(router));
  }

  @Override
  public void before(Context ctx) {
    String uri =
        ctx.req().getRequestURI() + "?" + Objects.requireNonNullElse(ctx.queryString(), "");
    if (uri.toLowerCase(Locale.ROOT).contains("%00")) {
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
      ScimResponses.error(ctx, scim);
      return true;
    }
    return false;
  }

  @Override
  public ErrorBody render(WebFailure failure, String path) {
    ScimException error =
        switch (failure.reason()) {
          case NO_ROUTE -> noRoute(path);
          case METHOD_NOT_ALLOWED,
              MALFORMED,
              BODY_TOO_LARGE,
              UNSUPPORTED_MEDIA_TYPE,
              SHUTTING_DOWN,
              INTERNAL ->
              new ScimException(failure.status(), null, failure.detail());
        };
    try {
      return new ErrorBody(
          ScimMediaType.RESPONSE_CONTENT_TYPE,
          Json.MAPPER.writeValueAsBytes(ScimErrors.body(error)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a SCIM error", e);
    }
  }

  private static ScimException noRoute(String path) {
    return ScimException.notFound(
        "There is no SCIM endpoint at "
            + path
            + ". SCIM endpoints are /Users, /Groups, /Bulk,"
            + " /.search, /ServiceProviderConfig, /Schemas and /ResourceTypes, at the root or under"
            + " /scim/v2.");
  }

  /** The README packaged into the jar, or null when it is not on the class path. */
  private static byte[] readDocs() {
    try (InputStream in = ScimAdapter.class.getClassLoader().getResourceAsStream(DOCS_RESOURCE)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DOCS_RESOURCE, e);
    }
  }

  private void serveDocs(Context ctx) {
    if (docs == null) {
      throw ScimException.notFound("The documentation is not packaged with this build.");
    }
    ctx.status(200).contentType("text/markdown; charset=utf-8").result(docs);
  }
}
