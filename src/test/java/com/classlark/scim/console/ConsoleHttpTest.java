package com.classlark.scim.console;

import static com.classlark.scim.testing.ConsoleClient.formToken;
import static com.classlark.scim.testing.ConsoleClient.main;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.Account;
import com.classlark.scim.directory.console.ConsoleRole;
import com.classlark.scim.directory.console.PasswordLink;
import com.classlark.scim.testing.ConsoleClient;
import com.classlark.scim.testing.ConsolePeople;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ServerPerEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console at the HTTP level, on both engines: security headers on every response, the flags of
 * its cookies, form tokens, sessions that end, failed sign-ins held back, and error pages in plain
 * words.
 */
class ConsoleHttpTest extends ServerPerEngine {
  private static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  private static final String SESSION_COOKIE = "classlark_console_session";

  private static ConsoleClient browser() {
    return new ConsoleClient(server.baseUrl());
  }

  private static ConsoleClient signedInSupport() {
    ConsoleClient browser = browser();
    HttpResult signedIn = browser.signIn(ConsolePeople.support(server), ConsolePeople.PASSWORD);
    assertThat(signedIn.status()).isEqualTo(303);
    return browser;
  }

  private static String cssPath(HttpResult page) {
    var matcher =
        java.util.regex.Pattern.compile("href=\"(/console/assets/[^\"]+)\"").matcher(page.body());
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }

  @Test
  void everyConsoleResponseCarriesTheSecurityHeaders() {
    ConsoleClient browser = browser();
    HttpResult signInPage = browser.get("/console/sign-in");
    Map<String, HttpResult> responses =
        Map.of(
            "sign-in page", signInPage,
            "no such page", browser.get("/console/no-such-page"),
            "console root", browser.get("/console"),
            "page behind the sign-in", browser.get("/console/schools"),
            "form without its token", browser.post("/console/sign-in", List.of("email", "x")),
            "wrong method", browser.post("/console/schools/x", List.of()),
            "stylesheet", browser.get(cssPath(signInPage)));

    assertThat(responses)
        .allSatisfy(
            (what, response) -> {
              assertThat(response.header("Content-Security-Policy")).as(what).isEqualTo(CSP);
              assertThat(response.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
              assertThat(response.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
              assertThat(response.header("X-Frame-Options")).as(what).isEqualTo("DENY");
            });
    assertThat(responses.get("sign-in page").header("Cache-Control")).isEqualTo("no-store");
    assertThat(responses.get("stylesheet").header("Cache-Control"))
        .isEqualTo("public, max-age=31536000, immutable");
    assertThat(responses.get("stylesheet").header("Content-Type"))
        .isEqualTo("text/css; charset=utf-8");
  }

  @Test
  void theSessionCookieIsHttpOnlyAndLaxAndSecureWhenTheBrowserUsedHttps() {
    String email = ConsolePeople.support(server);

    ConsoleClient plain = browser();
    HttpResult overHttp = plain.signIn(email, ConsolePeople.PASSWORD);
    ConsoleClient proxied = browser();
    String token = formToken(proxied.get("/console/sign-in", "X-Forwarded-Proto", "https"));
    HttpResult overHttps =
        proxied.post(
            "/console/sign-in",
            List.of("csrf", token, "email", email, "password", ConsolePeople.PASSWORD),
            "X-Forwarded-Proto",
            "https");

    assertThat(overHttp.status()).isEqualTo(303);
    assertThat(overHttp.header("Location")).isEqualTo("/console/schools");
    assertThat(overHttp.header("Set-Cookie"))
        .matches(SESSION_COOKIE + "=[A-Za-z0-9_-]{43}; Path=/console; HttpOnly; SameSite=Lax");
    assertThat(overHttps.header("Set-Cookie"))
        .matches(
            SESSION_COOKIE + "=[A-Za-z0-9_-]{43}; Path=/console; HttpOnly; SameSite=Lax; Secure");
    assertThat(plain.get("/console/schools").status()).isEqualTo(200);
  }

  @Test
  void theFormCookieOfTheSignInPageIsStrict() {
    HttpResult page = browser().get("/console/sign-in");

    assertThat(page.header("Set-Cookie"))
        .isEqualTo(
            "classlark_console_form="
                + formToken(page)
                + "; Path=/console; HttpOnly; SameSite=Strict");
  }

  @Test
  void aSignInWithoutTheFormTokenIsRefusedWithAPage() {
    ConsoleClient browser = browser();
    browser.get("/console/sign-in");

    HttpResult forged =
        browser.post(
            "/console/sign-in",
            List.of("csrf", "forged", "email", "a@b.example", "password", "whatever"));

    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.header("Content-Type")).isEqualTo("text/html;charset=utf-8");
    assertThat(main(forged))
        .isEqualTo(
            "<section class=\"card narrow\"><h1>This form has expired</h1><p>The form was not"
                + " sent from this console page, or the page was open too long, so nothing was"
                + " changed. Go back, reload the page and try again.</p><p><a class=\"button\""
                + " href=\"/console\">Back to the console</a></p><p class=\"help\">Error"
                + " 403</p></section>");
  }

  @Test
  void aSignedInFormWithoutTheSessionsTokenChangesNothing() {
    ConsoleClient browser = signedInSupport();

    HttpResult forged = browser.post("/console/sign-out", List.of("csrf", "forged"));
    HttpResult missing = browser.post("/console/sign-out", List.of());

    assertThat(forged.status()).isEqualTo(403);
    assertThat(missing.status()).isEqualTo(403);
    assertThat(main(missing)).contains("<h1>This form has expired</h1>");
    assertThat(browser.get("/console/schools").status()).isEqualTo(200);
  }

  @Test
  void signOutEndsTheSessionAndClearsTheCookie() {
    ConsoleClient browser = signedInSupport();
    String token = formToken(browser.get("/console/schools"));

    HttpResult out = browser.post("/console/sign-out", List.of("csrf", token));

    assertThat(out.status()).isEqualTo(303);
    assertThat(out.header("Location")).isEqualTo("/console/sign-in?notice=signed-out");
    assertThat(out.header("Set-Cookie"))
        .isEqualTo(SESSION_COOKIE + "=; Path=/console; HttpOnly; SameSite=Lax; Max-Age=0");
    assertThat(browser.get("/console/schools").header("Location")).isEqualTo("/console/sign-in");
  }

  @Test
  void aSessionEndsAfter8HoursWithoutARequest() {
    ConsoleClient browser = signedInSupport();
    String session = browser.cookie(SESSION_COOKIE);
    String token = formToken(browser.get("/console/schools"));

    server.clock().advance(Duration.ofHours(8));
    HttpResult post = browser.post("/console/sign-out", List.of("csrf", token));
    ConsoleClient sameCookie = browser();
    sameCookie.get("/console/sign-in");
    HttpResult page =
        new ConsoleClient(server.baseUrl())
            .get("/console/schools", "Cookie", SESSION_COOKIE + "=" + session);

    assertThat(post.status()).isEqualTo(401);
    assertThat(main(post))
        .isEqualTo(
            "<section class=\"card narrow\"><h1>Your session has ended</h1><p>You were signed out"
                + " (after 8 hours without activity, or from another browser), so nothing was"
                + " changed. Sign in and try again.</p><p><a class=\"button\""
                + " href=\"/console/sign-in\">Sign in</a></p><p class=\"help\">Error"
                + " 401</p></section>");
    assertThat(page.status()).isEqualTo(303);
    assertThat(page.header("Location")).isEqualTo("/console/sign-in?notice=session-ended");
    assertThat(page.header("Set-Cookie"))
        .isEqualTo(SESSION_COOKIE + "=; Path=/console; HttpOnly; SameSite=Lax; Max-Age=0");
  }

  @Test
  void aWrongPasswordIs401AndRepeatedFailuresAre429WithRetryAfter() {
    String email = ConsolePeople.support(server);
    ConsoleClient browser = browser();

    HttpResult wrong = browser.signIn(email, "not the password");
    for (int i = 0; i < 4; i++) {
      browser.signIn(email, "not the password either");
    }
    HttpResult heldBack = browser.signIn(email, ConsolePeople.PASSWORD);

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body())
        .contains(
            "<p class=\"problem\" role=\"alert\">The email address or the password is not right."
                + " Check both and try again.</p>")
        .doesNotContain("not the password");
    assertThat(heldBack.status()).isEqualTo(429);
    assertThat(heldBack.header("Retry-After")).isEqualTo("60");
    assertThat(heldBack.body())
        .contains(
            "Too many failed sign-ins for this email address. Wait a minute and try again, or ask"
                + " ClassLark support for a new password link.");
    assertThat(browser.cookie(SESSION_COOKIE)).isNull();
  }

  @Test
  void aSetPasswordLinkWorksOnce() {
    PasswordLink link = ConsolePeople.invited(server, ConsoleRole.SUPPORT, null);
    String path = "/console/set-password/" + link.secret();
    ConsoleClient browser = browser();
    HttpResult form = browser.get(path);
    List<String> fields =
        List.of(
            "csrf",
            formToken(form),
            "password",
            "twelve chars ok",
            "confirmation",
            "twelve chars ok");

    HttpResult set = browser.post(path, fields);
    HttpResult again = browser.post(path, fields);
    HttpResult reopened = browser.get(path);

    assertThat(form.status()).isEqualTo(200);
    assertThat(form.body()).contains("<strong>" + link.user().email() + "</strong>");
    assertThat(set.status()).isEqualTo(303);
    assertThat(set.header("Location")).isEqualTo("/console/sign-in?notice=password-set");
    assertThat(again.status()).isEqualTo(410);
    assertThat(main(again))
        .isEqualTo(
            "<section class=\"card narrow\"><h1>This link does not work</h1><p>This link has"
                + " already been used: each link works once. Sign in with the password you set, or"
                + " ask ClassLark support for a new link.</p><p><a class=\"button\""
                + " href=\"/console/sign-in\">Go to sign-in</a></p><p class=\"help\">Error"
                + " 410</p></section>");
    assertThat(reopened.status()).isEqualTo(410);
    assertThat(browser.signIn(link.user().email(), "twelve chars ok").status()).isEqualTo(303);
  }

  @Test
  void aPasswordThatBreaksTheRulesIsExplainedAndTheLinkStillWorks() {
    PasswordLink link = ConsolePeople.invited(server, ConsoleRole.SUPPORT, null);
    String path = "/console/set-password/" + link.secret();
    ConsoleClient browser = browser();
    String token = formToken(browser.get(path));

    HttpResult refused =
        browser.post(path, List.of("csrf", token, "password", "short", "confirmation", "short"));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(main(refused))
        .contains(
            "<div class=\"problem\" role=\"alert\"><p>The password was not set:</p><ul><li>The"
                + " password is too short: use at least 12 characters (it has 5).</li></ul></div>");
    assertThat(browser.get(path).status()).isEqualTo(200);
  }

  @Test
  void aSchoolAdminSeesTheirSchoolOnlyAnotherSchoolIsNotFound() {
    Account other = server.application().services().accounts().create("Another School");
    ConsoleClient browser = browser();
    HttpResult signedIn =
        browser.signIn(
            ConsolePeople.schoolAdmin(server, server.school().id()), ConsolePeople.PASSWORD);

    HttpResult home = browser.get(signedIn.header("Location"));
    HttpResult another = browser.get("/console/schools/" + other.id());
    HttpResult list = browser.get("/console/schools");

    assertThat(signedIn.header("Location")).isEqualTo("/console/schools/" + server.school().id());
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.body()).contains("<h1>" + server.school().name() + "</h1>");
    assertThat(another.status()).isEqualTo(404);
    assertThat(main(another))
        .isEqualTo(
            "<section class=\"card narrow\"><h1>Page not found</h1><p>There is no such page, or"
                + " it is not one your account can see. Check the address, or start again from"
                + " the console's home page.</p><p><a class=\"button\" href=\"/console\">Go to the"
                + " console</a></p><p class=\"help\">Error 404</p></section>");
    assertThat(list.status()).isEqualTo(403);
    assertThat(main(list)).contains("<h1>This page is for ClassLark support</h1>");
  }

  @Test
  void supportSeesEverySchoolAndSearchesByName() {
    Account findMe = server.application().services().accounts().create("Findable Academy");
    ConsoleClient browser = signedInSupport();

    HttpResult all = browser.get("/console/schools");
    HttpResult found = browser.get("/console/schools?q=findable");
    HttpResult school = browser.get("/console/schools/" + findMe.id());

    assertThat(all.body()).contains(server.school().name()).contains("Findable Academy");
    assertThat(found.body())
        .contains("<a href=\"/console/schools/" + findMe.id() + "\">Findable Academy</a>")
        .doesNotContain(server.school().name());
    assertThat(school.status()).isEqualTo(200);
    assertThat(school.body()).contains("<span class=\"status status-neutral\">Not set up</span>");
  }

  @Test
  void theSchoolPageShowsTheScimStatusAndTokensButNeverATokensSecret() {
    ConsoleClient browser = browser();
    browser.signIn(ConsolePeople.schoolAdmin(server, server.school().id()), ConsolePeople.PASSWORD);

    HttpResult page = browser.get("/console/schools/" + server.school().id());

    assertThat(page.body())
        .contains("<span class=\"status status-good\">Enabled</span>")
        .contains("<dt>Staff</dt>\n    <dd>0 (0 active, 0 managed by your identity provider)</dd>")
        .contains("<code>" + server.baseUrl() + "/scim/v2</code>")
        .contains("<code>" + server.token().substring(0, 11) + "…</code>")
        .doesNotContain(server.token().substring(11));
  }

  @Test
  void aNewPasswordSignsOutEveryBrowser() {
    String email = ConsolePeople.support(server);
    ConsoleClient first = browser();
    first.signIn(email, ConsolePeople.PASSWORD);
    PasswordLink reset = server.application().services().console().users().newLink(email);
    ConsoleClient second = browser();
    String path = "/console/set-password/" + reset.secret();
    String token = formToken(second.get(path));

    second.post(
        path,
        List.of(
            "csrf",
            token,
            "password",
            "another long password",
            "confirmation",
            "another long password"));

    assertThat(first.get("/console/schools").header("Location"))
        .isEqualTo("/console/sign-in?notice=session-ended");
  }

  @Test
  void theConsoleRootSendsEachUserHome() {
    assertThat(browser().get("/console").header("Location")).isEqualTo("/console/sign-in");
    assertThat(signedInSupport().get("/console").header("Location")).isEqualTo("/console/schools");
  }
}
