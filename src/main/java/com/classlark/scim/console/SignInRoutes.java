package com.classlark.scim.console;

import com.classlark.scim.directory.console.ConsoleSessions;
import com.classlark.scim.directory.console.ConsoleUsers;
import com.classlark.scim.directory.console.ConsoleUsers.LinkCheck;
import com.classlark.scim.directory.console.ConsoleUsers.PasswordChange;
import com.classlark.scim.directory.console.PasswordRules;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.List;

/** Signing in and out, and setting a password from a one-time link. */
final class SignInRoutes {
  private static final String SIGN_IN_TEMPLATE = "sign-in.jte";
  private static final String SET_PASSWORD_TEMPLATE = "set-password.jte";
  private static final String NOTICE_PARAMETER = "notice";
  private static final int MAX_EMAIL_LENGTH = 320;

  /** What the sign-in page tells a browser sent there after something happened. */
  enum Notice {
    SIGNED_OUT("signed-out", "You are signed out."),
    PASSWORD_SET("password-set", "Your password is set. Sign in with it now."),
    SESSION_ENDED(
        "session-ended",
        "Your session ended after 8 hours without activity, or you signed out elsewhere. Sign in"
            + " again.");

    final String keyword;
    final String message;

    Notice(String keyword, String message) {
      this.keyword = keyword;
      this.message = message;
    }

    static String messageOf(String keyword) {
      return Arrays.stream(values())
          .filter(notice -> notice.keyword.equals(keyword))
          .map(notice -> notice.message)
          .findFirst()
          .orElse(null);
    }
  }

  private final ConsoleUsers users;
  private final ConsoleSessions sessions;
  private final Templates templates;
  private final Assets.Paths assets;

  SignInRoutes(
      ConsoleUsers users, ConsoleSessions sessions, Templates templates, Assets.Paths assets) {
    this.users = users;
    this.sessions = sessions;
    this.templates = templates;
    this.assets = assets;
  }

  static String noticePath(Notice notice) {
    return ConsolePaths.SIGN_IN + "?" + NOTICE_PARAMETER + "=" + notice.keyword;
  }

  void register(RoutesConfig routes) {
    routes.get(ConsolePaths.SIGN_IN, this::signInForm);
    routes.post(ConsolePaths.SIGN_IN, this::signIn);
    routes.post(ConsolePaths.SIGN_OUT, this::signOut);
    routes.get(ConsolePaths.SET_PASSWORD + "/{link}", this::setPasswordForm);
    routes.post(ConsolePaths.SET_PASSWORD + "/{link}", this::setPassword);
  }

  private void signInForm(Context ctx) {
    showSignIn(ctx, 200, "", Notice.messageOf(ctx.queryParam(NOTICE_PARAMETER)), null);
  }

  private void showSignIn(Context ctx, int status, String email, String notice, String error) {
    templates.render(
        ctx,
        status,
        SIGN_IN_TEMPLATE,
        new Pages.SignIn(
            ConsoleRequest.anonymousChrome(assets, "Sign in"),
            email,
            notice,
            error,
            ConsoleRequest.anonymousFormToken(ctx)));
  }

  private void signIn(Context ctx) {
    ConsoleRequest.requireAnonymousFormToken(ctx);
    String email = bounded(ctx.formParam("email"), MAX_EMAIL_LENGTH);
    String password = bounded(ctx.formParam("password"), PasswordRules.MAX_LENGTH * 4);
    switch (sessions.signIn(email, password)) {
      case ConsoleSessions.SignIn.Started(var secret, var signedIn) -> {
        ConsoleCookies.startSession(ctx, secret);
        ctx.redirect(ConsoleAdapter.homeOf(signedIn), HttpStatus.SEE_OTHER);
      }
      case ConsoleSessions.SignIn.Refused() ->
          showSignIn(
              ctx,
              401,
              email,
              null,
              "The email address or the password is not right. Check both and try again.");
      case ConsoleSessions.SignIn.HeldBack(var retryAfter) -> {
        long minutes = Math.max(1, (retryAfter.toSeconds() + 59) / 60);
        ctx.header("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
        showSignIn(
            ctx,
            429,
            email,
            null,
            "Too many failed sign-ins for this email address. Wait "
                + (minutes == 1 ? "a minute" : minutes + " minutes")
                + " and try again, or ask ClassLark support for a new password link.");
      }
    }
  }

  private void signOut(Context ctx) {
    sessions.signOut(ConsoleCookies.session(ctx));
    ConsoleCookies.endSession(ctx);
    ctx.redirect(noticePath(Notice.SIGNED_OUT), HttpStatus.SEE_OTHER);
  }

  private void setPasswordForm(Context ctx) {
    String link = ctx.pathParam("link");
    switch (users.check(link)) {
      case LinkCheck.Unusable(var reason) -> linkRefused(ctx, reason);
      case LinkCheck.Usable(var user, var expiresAt) ->
          showSetPassword(ctx, 200, user.email(), expiresAt, List.of());
    }
  }

  private void setPassword(Context ctx) {
    ConsoleRequest.requireAnonymousFormToken(ctx);
    String link = ctx.pathParam("link");
    int bound = PasswordRules.MAX_LENGTH * 4;
    PasswordChange change =
        users.setPassword(
            link,
            bounded(ctx.formParam("password"), bound),
            bounded(ctx.formParam("confirmation"), bound));
    switch (change) {
      case PasswordChange.Changed changed ->
          ctx.redirect(noticePath(Notice.PASSWORD_SET), HttpStatus.SEE_OTHER);
      case PasswordChange.LinkRefused(var reason) -> linkRefused(ctx, reason);
      case PasswordChange.RulesBroken(var rules) -> {
        if (users.check(link) instanceof LinkCheck.Usable(var user, var expiresAt)) {
          showSetPassword(ctx, 422, user.email(), expiresAt, rules);
        } else {
          linkRefused(ctx, "This link can no longer be used. Ask ClassLark support for a new one.");
        }
      }
    }
  }

  private void showSetPassword(
      Context ctx, int status, String email, java.time.Instant expiresAt, List<String> errors) {
    templates.render(
        ctx,
        status,
        SET_PASSWORD_TEMPLATE,
        new Pages.SetPassword(
            ConsoleRequest.anonymousChrome(assets, "Set your password"),
            email,
            ctx.path(),
            Formats.dateTime(expiresAt),
            PasswordRules.described(),
            errors,
            ConsoleRequest.anonymousFormToken(ctx)));
  }

  private void linkRefused(Context ctx, String reason) {
    templates.render(
        ctx,
        410,
        "error.jte",
        new Pages.Error(
            ConsoleRequest.anonymousChrome(assets, "This link does not work"),
            410,
            "This link does not work",
            reason,
            ConsolePaths.SIGN_IN,
            "Go to sign-in"));
  }

  /** A form value cut to a length no honest form sends, so that nothing hashes megabytes. */
  private static String bounded(String value, int maxLength) {
    if (value == null) {
      return "";
    }
    return value.length() > maxLength ? value.substring(0, maxLength) : value;
  }
}
