package com.classlark.scim.web;

import io.javalin.http.Context;

/**
 * What the server and the adapters know about a request beyond HTTP: its correlation id and, once
 * an adapter authenticated it, the school it acts for. Kept as request attributes, never in a
 * static field or a ThreadLocal.
 */
public final class WebRequest {
  private static final String CORRELATION_ATTRIBUTE = "classlark.correlationId";
  private static final String SCHOOL_ATTRIBUTE = "classlark.schoolId";

  private WebRequest() {}

  static void correlationId(Context ctx, String id) {
    ctx.attribute(CORRELATION_ATTRIBUTE, id);
  }

  /** The request's correlation id (also in the {@code X-Correlation-Id} header and the log). */
  public static String correlationId(Context ctx) {
    String id = ctx.attribute(CORRELATION_ATTRIBUTE);
    return id == null ? "-" : id;
  }

  /** Records the school an adapter authenticated the request for. */
  public static void authenticatedSchool(Context ctx, String schoolId) {
    ctx.attribute(SCHOOL_ATTRIBUTE, schoolId);
  }

  /** The authenticated school, or {@code null} before (or without) authentication. */
  public static String schoolOrNull(Context ctx) {
    return ctx.attribute(SCHOOL_ATTRIBUTE);
  }
}
