package com.classlark.scim.scim;

import io.javalin.http.Context;

/**
 * The absolute base URL of the SCIM API as the client sees it, for {@code meta.location} and {@code
 * Location}: the configured public URL if there is one, otherwise the request's scheme and host as
 * a proxy reports them in {@code X-Forwarded-Proto}/{@code X-Forwarded-Host}. A request that came
 * in under {@code /scim/v2} gets locations under {@code /scim/v2}.
 */
public final class BaseUrl {
  public static final String SCIM_PREFIX = "/scim/v2";

  private BaseUrl() {}

  public static String of(Context ctx, String configured) {
    String prefix =
        ctx.path().startsWith(SCIM_PREFIX + "/") || ctx.path().equals(SCIM_PREFIX)
            ? SCIM_PREFIX
            : "";
    if (configured != null) {
      return configured + prefix;
    }
    String scheme = firstValue(ctx.header("X-Forwarded-Proto"));
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      scheme = ctx.scheme();
    }
    String host = firstValue(ctx.header("X-Forwarded-Host"));
    if (host == null || !host.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
      host = ctx.host();
    }
    if (host == null || !host.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
      host = "localhost";
    }
    return scheme.toLowerCase(java.util.Locale.ROOT) + "://" + host + prefix;
  }

  private static String firstValue(String header) {
    if (header == null) {
      return null;
    }
    String first = header.split(",", 2)[0].strip();
    return first.isEmpty() ? null : first;
  }
}
