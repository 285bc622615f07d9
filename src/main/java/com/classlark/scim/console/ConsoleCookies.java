package com.classlark.scim.console;

import com.classlark.scim.web.ForwardedRequest;
import io.javalin.http.Context;

/**
 * The console's two cookies, both {@code HttpOnly}, limited to {@code /console} and {@code Secure}
 * whenever the browser reached the service over HTTPS (directly or through a proxy that says so in
 * {@code X-Forwarded-Proto}): the session ({@code SameSite=Lax}, so that a link from an email opens
 * the console signed in) and the form token of the pages used before signing in ({@code
 * SameSite=Strict}).
 */
final class ConsoleCookies {
  static final String SESSION = "classlark_console_session";
  static final String FORM = "classlark_console_form";

  private ConsoleCookies() {}

  static String session(Context ctx) {
    return ctx.cookie(SESSION);
  }

  static void startSession(Context ctx, String secret) {
    set(ctx, SESSION, secret, "Lax", false);
  }

  static void endSession(Context ctx) {
    set(ctx, SESSION, "", "Lax", true);
  }

  static String formToken(Context ctx) {
    return ctx.cookie(FORM);
  }

  static void setFormToken(Context ctx, String token) {
    set(ctx, FORM, token, "Strict", false);
  }

  private static void set(Context ctx, String name, String value, String sameSite, boolean clear) {
    StringBuilder cookie =
        new StringBuilder(name)
            .append('=')
            .append(value)
            .append("; Path=")
            .append(ConsolePaths.ROOT)
            .append("; HttpOnly; SameSite=")
            .append(sameSite);
    if (clear) {
      cookie.append("; Max-Age=0");
    }
    if (ForwardedRequest.isHttps(ctx)) {
      cookie.append("; Secure");
    }
    ctx.res().addHeader("Set-Cookie", cookie.toString());
  }
}
