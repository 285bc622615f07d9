package com.classlark.scim.api;

import com.classlark.scim.directory.ApiKeys;
import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.Problems;
import com.classlark.scim.directory.Tokens;
import com.classlark.scim.web.WebRequest;
import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;

/**
 * API-key authentication of the directory API: {@code Authorization: Bearer KEY} (RFC 6750) and the
 * optional {@code X-ClassLark-Actor} header become the request's {@link Caller}. A school's SCIM
 * token is refused here, as an API key is on the SCIM endpoints.
 */
final class ApiKeyAuth {
  static final String ACTOR_HEADER = "X-ClassLark-Actor";
  private static final String CALLER_ATTRIBUTE = "classlark.apiCaller";

  private final ApiKeys keys;

  ApiKeyAuth(ApiKeys keys) {
    this.keys = keys;
  }

  /** Authenticates the request or throws an {@code unauthorized} problem saying what to send. */
  void authenticate(Context ctx) {
    List<String> headers = Collections.list(ctx.req().getHeaders("Authorization"));
    if (headers.size() > 1) {
      throw Problems.unauthorized("Send one Authorization header, not " + headers.size() + ".");
    }
    String header = headers.isEmpty() ? "" : headers.get(0).strip();
    if (header.isEmpty()) {
      throw Problems.unauthorized(
          "Authentication required: send an API key as 'Authorization: Bearer <key>'.");
    }
    int space = header.indexOf(' ');
    String secret = space < 0 ? "" : header.substring(space + 1).strip();
    if (!header.substring(0, Math.max(space, 0)).equalsIgnoreCase("Bearer")
        || secret.isEmpty()
        || secret.contains(" ")) {
      throw Problems.unauthorized(
          "The Authorization header must be 'Bearer' followed by one API key.");
    }
    if (secret.startsWith(Tokens.PREFIX)) {
      throw Problems.unauthorized(
          "This is a school's SCIM token, which works only on the SCIM endpoints. The directory API"
              + " needs an API key (it starts with "
              + ApiKeys.PREFIX
              + ").");
    }
    keys.identify(secret).ifPresent(key -> WebRequest.credentialId(ctx, key.id()));
    ctx.attribute(CALLER_ATTRIBUTE, keys.authenticate(secret, ctx.header(ACTOR_HEADER)));
  }

  /** The authenticated caller of this request. */
  static Caller caller(Context ctx) {
    Caller caller = ctx.attribute(CALLER_ATTRIBUTE);
    if (caller == null) {
      throw new IllegalStateException("request was not authenticated");
    }
    return caller;
  }
}
