package com.classlark.scim.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * One adapter of the server (the SCIM API, the directory API, the console): the paths it owns, its
 * routes, its authentication and its error format. The server routes every request to the adapter
 * that owns its path, so that every error, even one the server detects itself (no route, a body
 * over the limit, an internal error), reaches the client in the format that client understands.
 */
public interface WebAdapter {
  /**
   * The path prefixes this adapter owns, e.g. {@code /api/v1} (which owns {@code /api/v1} and
   * everything below it). The adapter with the prefix {@code ""} owns every path no other adapter
   * owns.
   */
  List<String> pathPrefixes();

  /** Registers this adapter's routes, with their full paths. */
  void register(RoutesConfig routes);

  /**
   * Runs before routing for every request this adapter owns, matched or not, e.g. to check the
   * media type of a body; throws to refuse the request.
   */
  default void before(Context ctx) {}

  /**
   * Runs before each of this adapter's matched routes, e.g. to authenticate; throws to refuse the
   * request. An adapter whose request acts for one school records it here with {@link
   * WebRequest#authenticatedSchool}: right after this method the server admits the request under
   * that school's fair share ({@link SchoolFairness}) or answers 429, before the route runs.
   */
  default void beforeMatched(Context ctx) {}

  /**
   * Writes the response for an exception this adapter's code threw.
   *
   * @return false when this adapter does not know the exception; the server then logs it and
   *     answers with an {@link WebFailure.Reason#INTERNAL} failure
   */
  boolean writeError(Context ctx, Exception exception);

  /** Renders a failure the server detected in this adapter's error format. */
  ErrorBody render(WebFailure failure, String path);
}
