package com.classlark.scim.console;

import com.classlark.scim.directory.DirectoryException;
import com.classlark.scim.web.ErrorBody;
import com.classlark.scim.web.WebFailure;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;

/**
 * Every console error as a page in plain words, with a way on, never a stack trace: what the server
 * detects itself, what the directory refuses, and the console's own refusals (no session, an ended
 * session, a form without its token).
 */
final class ErrorPages {
  private static final String TEMPLATE = "error.jte";

  private final Templates templates;
  private final Assets.Paths assets;

  ErrorPages(Templates templates, Assets.Paths assets) {
    this.templates = templates;
    this.assets = assets;
  }

  /** A page that needs a session, or a form without its token. */
  void refusal(Context ctx, ConsoleRefusal.Reason reason) {
    switch (reason) {
      case SIGN_IN_REQUIRED, SESSION_ENDED -> {
        boolean ended = reason == ConsoleRefusal.Reason.SESSION_ENDED;
        if (ended) {
          ConsoleCookies.endSession(ctx);
        }
        if (ctx.method() == HandlerType.GET) {
          ctx.redirect(
              ended
                  ? SignInRoutes.noticePath(SignInRoutes.Notice.SESSION_ENDED)
                  : ConsolePaths.SIGN_IN,
              HttpStatus.SEE_OTHER);
        } else {
          write(
              ctx,
              401,
              ended ? "Your session has ended" : "Please sign in",
              ended
                  ? "You were signed out (after 8 hours without activity, or from another"
                      + " browser), so nothing was changed. Sign in and try again."
                  : "Sign in to the console first; nothing was changed.",
              ConsolePaths.SIGN_IN,
              "Sign in");
        }
      }
      case BAD_FORM_TOKEN ->
          write(
              ctx,
              403,
              "This form has expired",
              "The form was not sent from this console page, or the page was open too long, so"
                  + " nothing was changed. Go back, reload the page and try again.",
              ConsolePaths.ROOT,
              "Back to the console");
    }
  }

  /** An operation the directory refused. */
  void refused(Context ctx, DirectoryException refused) {
    switch (refused.kind()) {
      case NOT_FOUND -> notFound(ctx);
      case FORBIDDEN ->
          write(
              ctx,
              403,
              "This page is for ClassLark support",
              "Your account can see your own school only. Ask ClassLark support if you need"
                  + " something from this page.",
              ConsolePaths.ROOT,
              "Back to your school");
      case UNAUTHORIZED ->
          write(ctx, 401, "Please sign in", refused.detail(), ConsolePaths.SIGN_IN, "Sign in");
      case MANAGED_BY_SCIM,
          DUPLICATE_EMAIL,
          DUPLICATE_GROUP_NAME,
          VERSION_MISMATCH,
          VALIDATION,
          CURSOR_EXPIRED,
          TOO_MANY_WAITING ->
          write(
              ctx,
              409,
              "That could not be done",
              refused.detail(),
              ConsolePaths.ROOT,
              "Back to the console");
    }
  }

  private void notFound(Context ctx) {
    ctx.result(failure(new WebFailure(WebFailure.Reason.NO_ROUTE, 404, "")).body())
        .status(404)
        .contentType("text/html; charset=utf-8");
  }

  /** A failure the server detected, as a page without the signed-in user's navigation. */
  ErrorBody failure(WebFailure failure) {
    String home = ConsolePaths.ROOT;
    Pages.Error page =
        switch (failure.reason()) {
          case NO_ROUTE ->
              error(
                  404,
                  "Page not found",
                  "There is no such page, or it is not one your account can see. Check the"
                      + " address, or start again from the console's home page.",
                  home,
                  "Go to the console");
          case METHOD_NOT_ALLOWED ->
              error(
                  405,
                  "This page cannot be used that way",
                  "Go back and use the buttons and links on the page.",
                  home,
                  "Go to the console");
          case MALFORMED ->
              error(
                  failure.status(),
                  "The request could not be read",
                  "Your browser sent something the console cannot read. Go back and try again.",
                  home,
                  "Go to the console");
          case BODY_TOO_LARGE ->
              error(
                  413,
                  "What you sent is too large",
                  "Go back, shorten what you typed and try again.",
                  home,
                  "Go to the console");
          case UNSUPPORTED_MEDIA_TYPE ->
              error(
                  415,
                  "The request could not be read",
                  "Your browser sent the form in an encoding the console does not read. Go back"
                      + " and try again.",
                  home,
                  "Go to the console");
          case STARTING ->
              error(
                  503,
                  "The console is starting",
                  "Nothing was changed. Try again in a moment.",
                  null,
                  null);
          case SHUTTING_DOWN ->
              error(
                  503,
                  "The console is restarting",
                  "Nothing was changed. Try again in a moment.",
                  null,
                  null);
          case RATE_LIMITED ->
              error(429, "Too many requests", "Wait a moment, then try again.", null, null);
          case INTERNAL ->
              error(
                  500,
                  "Something went wrong on our side",
                  failure.detail(),
                  home,
                  "Go to the console");
        };
    return new ErrorBody("text/html; charset=utf-8", templates.html(TEMPLATE, page));
  }

  private Pages.Error error(
      int status, String heading, String message, String actionHref, String actionLabel) {
    return new Pages.Error(
        ConsoleRequest.anonymousChrome(assets, heading),
        status,
        heading,
        message,
        actionHref,
        actionLabel);
  }

  private void write(
      Context ctx,
      int status,
      String heading,
      String message,
      String actionHref,
      String actionLabel) {
    templates.render(
        ctx, status, TEMPLATE, error(status, heading, message, actionHref, actionLabel));
  }
}
