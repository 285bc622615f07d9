package com.classlark.scim.web;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;

/**
 * What the server and the adapters know about a request beyond HTTP: its correlation id and, once
 * an adapter authenticated it, the school it acts for and the credential it presented. Kept as
 * request attributes, never in a static field or a ThreadLocal.
 */
public final class WebRequest {
  private static final String CORRELATION_ATTRIBUTE = "classlark.correlationId";
  private static final String SCHOOL_ATTRIBUTE = "classlark.schoolId";
  private static final String CREDENTIAL_ATTRIBUTE = "classlark.credentialId";
  private static final String FAILURE_ATTRIBUTE = "classlark.failure";

  /** The route label of a request that matched no route: one label, whatever the path. */
  static final String UNMATCHED_ROUTE = "unmatched";

  private WebRequest() {}

  static void correlationId(Context ctx, String id) {
    ctx.attribute(CORRELATION_ATTRIBUTE, id);
  }

  /** The request's correlation id (also in the {@code X-Correlation-Id} header and the log). */
  public static String correlationId(Context ctx) {
    String id = ctx.attribute(CORRELATION_ATTRIBUTE);
    return id == null ? "-" : id;
  }

  /**
   * Records the school an adapter authenticated the request for. Call it from {@link
   * WebAdapter#beforeMatched}: right after it the server admits the request under that school's
   * fair share ({@link SchoolFairness}), before the route does any work.
   */
  public static void authenticatedSchool(Context ctx, String schoolId) {
    ctx.attribute(SCHOOL_ATTRIBUTE, schoolId);
  }

  /** The authenticated school, or {@code null} before (or without) authentication. */
  public static String schoolOrNull(Context ctx) {
    return ctx.attribute(SCHOOL_ATTRIBUTE);
  }

  /**
   * Records the id (never the secret) of the credential the request presented, such as a SCIM
   * token's id, once the adapter knows it, also when it refused it as revoked or expired: the
   * request log names it, so that support can tell which credential a client still uses.
   */
  public static void credentialId(Context ctx, String id) {
    ctx.attribute(CREDENTIAL_ATTRIBUTE, id);
  }

  /** The presented credential's id, or {@code null} when none was recognised. */
  public static String credentialIdOrNull(Context ctx) {
    return ctx.attribute(CREDENTIAL_ATTRIBUTE);
  }

  static void failure(Context ctx, WebFailure failure) {
    ctx.attribute(FAILURE_ATTRIBUTE, failure);
  }

  /**
   * The failure the server detected and had the owning adapter render for this request, or {@code
   * null}: for adapters that record what their client was told.
   */
  public static WebFailure failureOrNull(Context ctx) {
    return ctx.attribute(FAILURE_ATTRIBUTE);
  }

  /**
   * The route template that matched, e.g. {@code /scim/v2/Users/{id}} (never the id itself), or
   * {@value #UNMATCHED_ROUTE}: a bounded set of values for metrics and logs.
   */
  static String route(Context ctx) {
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    return endpoint == null ? UNMATCHED_ROUTE : endpoint.path;
  }
}
