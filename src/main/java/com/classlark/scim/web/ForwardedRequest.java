package com.classlark.scim.web;

import io.javalin.http.Context;
import java.util.Locale;

/**
 * The request as the client made it, when a proxy or load balancer in front of the service
 * terminated TLS: its scheme from {@code X-Forwarded-Proto} and its host from {@code
 * X-Forwarded-Host}, each taken only when it is well-formed.
 */
public final class ForwardedRequest {
  private static final String HOST = "[A-Za-z0-9.\\-\\[\\]:]+";

  private ForwardedRequest() {}

  /** The scheme the client used, {@code http} or {@code https}. */
  public static String scheme(Context ctx) {
    String scheme = firstValue(ctx.header("X-Forwarded-Proto"));
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      scheme = ctx.scheme();
    }
    return scheme.toLowerCase(Locale.ROOT);
  }

  /** True when the client's request came over HTTPS, to this server or to a proxy in front. */
  public static boolean isHttps(Context ctx) {
    return scheme(ctx).equals("https");
  }

  /** The scheme and host the client used, e.g. {@code https://scim.example.org}. */
  public static String origin(Context ctx) {
    String host = firstValue(ctx.header("X-Forwarded-Host"));
    if (host == null || !host.matches(HOST)) {
      host = ctx.host();
    }
    if (host == null || !host.matches(HOST)) {
      host = "localhost";
    }
    return scheme(ctx) + "://" + host;
  }

  private static String firstValue(String header) {
    if (header == null) {
      return null;
    }
    String first = header.split(",", 2)[0].strip();
    return first.isEmpty() ? null : first;
  }
}
