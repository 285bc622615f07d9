package com.classlark.scim.scim;

import com.classlark.scim.web.ForwardedRequest;
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
    return (configured != null ? configured : ForwardedRequest.origin(ctx)) + prefix;
  }
}
