package com.classlark.scim.scim;

import com.classlark.scim.directory.ApiKeys;
import com.classlark.scim.directory.ApiToken;
import com.classlark.scim.directory.Tokens;
import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.web.WebRequest;
import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;

/**
 * Bearer-token authentication (RFC 6750) for every SCIM route: the token alone selects the school.
 * The resolved account id is kept on the request for the handlers.
 */
public final class BearerAuth {
  private final Tokens tokens;

  public BearerAuth(Tokens tokens) {
    this.tokens = tokens;
  }

  /** Authenticates the request or throws a 401 {@link ScimException} saying what to fix. */
  public void authenticate(Context ctx) {
    List<String> headers = Collections.list(ctx.req().getHeaders("Authorization"));
    if (headers.size() > 1) {
      throw ScimException.unauthorized(
          "Send one Authorization header with the school's SCIM token, not "
              + headers.size()
              + ".");
    }
    String header = headers.isEmpty() ? null : headers.get(0);
    if (header == null || header.isBlank()) {
      throw ScimException.unauthorized(
          "Authentication required: send the school's SCIM token as 'Authorization: Bearer <token>'.");
    }
    String trimmed = header.strip();
    int space = trimmed.indexOf(' ');
    if (space < 0 || !trimmed.substring(0, space).equalsIgnoreCase("Bearer")) {
      throw ScimException.unauthorized(
          "The Authorization header must use the Bearer scheme: 'Authorization: Bearer <token>'.");
    }
    String secret = trimmed.substring(space + 1).strip();
    if (secret.isEmpty() || secret.contains(" ")) {
      throw ScimException.unauthorized(
          "The Authorization header must carry exactly one token after 'Bearer '.");
    }
    if (ApiKeys.looksLikeKey(secret)) {
      throw ScimException.unauthorized(
          "This is a ClassLark API key, which works only on /api/v1. SCIM endpoints need the"
              + " school's SCIM token.");
    }
    ApiToken token;
    try {
      token = tokens.authenticate(secret);
    } catch (ScimException refused) {
      tokens
          .identify(secret)
          .ifPresent(
              known -> {
                WebRequest.credentialId(ctx, known.id());
                ProvisioningCapture.token(ctx, known);
              });
      throw refused;
    }
    WebRequest.credentialId(ctx, token.id());
    ProvisioningCapture.token(ctx, token);
    WebRequest.authenticatedSchool(ctx, token.accountId());
  }

  /** The authenticated school of this request. */
  public static String accountId(Context ctx) {
    String accountId = WebRequest.schoolOrNull(ctx);
    if (accountId == null) {
      throw new IllegalStateException("request was not authenticated");
    }
    return accountId;
  }
}
