package com.classlark.scim.console;

import com.classlark.scim.directory.Secrets;
import com.classlark.scim.directory.console.ConsoleRole;
import com.classlark.scim.directory.console.ConsoleSessions;
import com.classlark.scim.directory.console.SignedIn;
import io.javalin.http.Context;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the console knows of a request: who signed in (set by {@link ConsoleAdapter#beforeMatched}
 * for every page behind the sign-in), its form tokens and the layout around its page.
 */
final class ConsoleRequest {
  static final String FORM_TOKEN_FIELD = "csrf";
  private static final String SIGNED_IN_ATTRIBUTE = "classlark.console.signedIn";
  private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

  private ConsoleRequest() {}

  static void signedIn(Context ctx, SignedIn signedIn) {
    ctx.attribute(SIGNED_IN_ATTRIBUTE, signedIn);
  }

  /** The signed-in user of a page behind the sign-in. */
  static SignedIn signedIn(Context ctx) {
    SignedIn signedIn = ctx.attribute(SIGNED_IN_ATTRIBUTE);
    if (signedIn == null) {
      throw new IllegalStateException("a page behind the sign-in ran without a session");
    }
    return signedIn;
  }

  /** Refuses a state-changing form of a signed-in page that lacks the session's form token. */
  static void requireSessionFormToken(Context ctx, SignedIn signedIn) {
    if (!ConsoleSessions.csrfMatches(signedIn, ctx.formParam(FORM_TOKEN_FIELD))) {
      throw new ConsoleRefusal(ConsoleRefusal.Reason.BAD_FORM_TOKEN);
    }
  }

  /**
   * The form token of a page used before signing in (sign-in, set password): the value of this
   * browser's form cookie, set now when it has none. A form posted from another site cannot know
   * it, and the cookie ({@code SameSite=Strict}) is not sent with such a post.
   */
  static String anonymousFormToken(Context ctx) {
    String token = ConsoleCookies.formToken(ctx);
    if (token == null || !TOKEN_SHAPE.matcher(token).matches()) {
      token = Secrets.generate("");
      ConsoleCookies.setFormToken(ctx, token);
    }
    return token;
  }

  /** Refuses a form of a page before signing in whose token is not this browser's form cookie. */
  static void requireAnonymousFormToken(Context ctx) {
    String cookie = ConsoleCookies.formToken(ctx);
    if (cookie == null || !Secrets.same(cookie, ctx.formParam(FORM_TOKEN_FIELD))) {
      throw new ConsoleRefusal(ConsoleRefusal.Reason.BAD_FORM_TOKEN);
    }
  }

  /** The layout of a page before signing in. */
  static Chrome anonymousChrome(Assets.Paths assets, String title) {
    return new Chrome(title, assets, null, null, null, List.of());
  }

  /** The layout of a page behind the sign-in, with the navigation of the user's role. */
  static Chrome chrome(Assets.Paths assets, SignedIn signedIn, String title, String currentPath) {
    List<Chrome.NavLink> nav =
        switch (signedIn.user().role()) {
          case SUPPORT ->
              List.of(
                  new Chrome.NavLink(
                      ConsolePaths.SCHOOLS,
                      "Schools",
                      currentPath.startsWith(ConsolePaths.SCHOOLS)));
          case SCHOOL_ADMIN -> {
            String home = ConsolePaths.school(signedIn.user().accountId());
            yield List.of(
                new Chrome.NavLink(home, "Your school", currentPath.equals(home)),
                new Chrome.NavLink(
                    SectionLinks.staff(signedIn.user().accountId()),
                    "Staff",
                    currentPath.startsWith(SectionLinks.staff(signedIn.user().accountId()))),
                new Chrome.NavLink(
                    SectionLinks.groups(signedIn.user().accountId()),
                    "Groups",
                    currentPath.startsWith(SectionLinks.groups(signedIn.user().accountId()))));
          }
        };
    return new Chrome(
        title,
        assets,
        signedIn.user().email(),
        roleLabel(signedIn.user().role()),
        signedIn.session().csrfToken(),
        nav);
  }

  static String roleLabel(ConsoleRole role) {
    return switch (role) {
      case SUPPORT -> "ClassLark support";
      case SCHOOL_ADMIN -> "School admin";
    };
  }
}
