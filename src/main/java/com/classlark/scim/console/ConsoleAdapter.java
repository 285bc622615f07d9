package com.classlark.scim.console;

import com.classlark.scim.directory.DirectoryException;
import com.classlark.scim.directory.console.ConsoleSchools;
import com.classlark.scim.directory.console.ConsoleSessions;
import com.classlark.scim.directory.console.ConsoleUsers;
import com.classlark.scim.directory.console.SignedIn;
import com.classlark.scim.directory.section.GroupSection;
import com.classlark.scim.directory.section.StaffSection;
import com.classlark.scim.web.ErrorBody;
import com.classlark.scim.web.WebAdapter;
import com.classlark.scim.web.WebFailure;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Set;

/**
 * The web console at {@code /console}: server-rendered pages for support and school admins behind
 * their own sign-in. Every response carries the console's security headers; every page behind the
 * sign-in needs an active session, and every form that changes something its form token. Who may
 * see which school is decided by {@link ConsoleSchools}, never here.
 */
public final class ConsoleAdapter implements WebAdapter {
  /**
   * Scripts and styles only from the console's own files (no inline script or style), forms only to
   * the console, no framing.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  /** Pages reachable without a session (each checks what it needs itself). */
  private static final List<String> PUBLIC_PREFIXES =
      List.of(ConsolePaths.SIGN_IN, ConsolePaths.SET_PASSWORD + "/", ConsolePaths.ASSETS + "/");

  private static final Set<HandlerType> STATE_CHANGING =
      Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

  private final ConsoleSessions sessions;
  private final Assets assets;
  private final ErrorPages errors;
  private final SignInRoutes signIn;
  private final SchoolRoutes schools;
  private final ProvisioningRoutes provisioning;
  private final SupportRoutes support;
  private final StaffRoutes staff;
  private final GroupRoutes groups;

  /**
   * @param publicBaseUrl the service's public base URL, or {@code null} to derive it from each
   *     request
   */
  public ConsoleAdapter(
      ConsoleUsers users,
      ConsoleSessions sessions,
      ConsoleSchools schoolScope,
      StaffSection staffSection,
      GroupSection groupSection,
      SupportOperations operations,
      String publicBaseUrl) {
    this.sessions = sessions;
    this.assets = Assets.load();
    Templates templates = new Templates();
    this.errors = new ErrorPages(templates, assets.paths());
    this.signIn = new SignInRoutes(users, sessions, templates, assets.paths());
    this.schools =
        new SchoolRoutes(
            schoolScope,
            operations.log(),
            operations.clock(),
            templates,
            assets.paths(),
            publicBaseUrl);
    this.provisioning =
        new ProvisioningRoutes(
            schoolScope, operations.log(), templates, assets.paths(), publicBaseUrl);
    this.support =
        new SupportRoutes(
            schoolScope,
            operations.schools(),
            operations.scimAccess(),
            operations.staff(),
            operations.release(),
            templates,
            assets.paths());
    this.staff = new StaffRoutes(staffSection, templates, assets.paths());
    this.groups = new GroupRoutes(groupSection, staffSection, templates, assets.paths());
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of(ConsolePaths.ROOT);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(ConsolePaths.ROOT, this::home);
    routes.get(ConsolePaths.ASSETS + "/{name}", ctx -> assets.serve(ctx, ctx.pathParam("name")));
    signIn.register(routes);
    schools.register(routes);
    provisioning.register(routes);
    support.register(routes);
    staff.register(routes);
    groups.register(routes);
  }

  /** The console's address: a signed-in user's home page, or the sign-in form. */
  private void home(Context ctx) {
    var signedIn = sessions.authenticate(ConsoleCookies.session(ctx));
    if (signedIn.isEmpty()) {
      ctx.redirect(ConsolePaths.SIGN_IN, io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    ctx.redirect(homeOf(signedIn.get()), io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** Where a user lands after signing in: support on every school, an admin on their school. */
  static String homeOf(SignedIn signedIn) {
    return signedIn.user().school().map(ConsolePaths::school).orElse(ConsolePaths.SCHOOLS);
  }

  @Override
  public void before(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    if (!ctx.path().startsWith(ConsolePaths.ASSETS + "/")) {
      ctx.header("Cache-Control", "no-store");
    }
  }

  @Override
  public void beforeMatched(Context ctx) {
    String path = ctx.path();
    if (path.equals(ConsolePaths.ROOT) || PUBLIC_PREFIXES.stream().anyMatch(path::startsWith)) {
      return;
    }
    String cookie = ConsoleCookies.session(ctx);
    SignedIn signedIn =
        sessions
            .authenticate(cookie)
            .orElseThrow(
                () ->
                    new ConsoleRefusal(
                        cookie == null || cookie.isEmpty()
                            ? ConsoleRefusal.Reason.SIGN_IN_REQUIRED
                            : ConsoleRefusal.Reason.SESSION_ENDED));
    ConsoleRequest.signedIn(ctx, signedIn);
    if (STATE_CHANGING.contains(ctx.method())) {
      ConsoleRequest.requireSessionFormToken(ctx, signedIn);
    }
  }

  @Override
  public boolean writeError(Context ctx, Exception exception) {
    return switch (exception) {
      case ConsoleRefusal refusal -> {
        errors.refusal(ctx, refusal.reason());
        yield true;
      }
      case DirectoryException refused -> {
        errors.refused(ctx, refused);
        yield true;
      }
      default -> false;
    };
  }

  @Override
  public ErrorBody render(WebFailure failure, String path) {
    return errors.failure(failure);
  }
}
