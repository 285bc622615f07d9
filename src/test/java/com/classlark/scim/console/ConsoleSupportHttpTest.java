package com.classlark.scim.console;

import static com.classlark.scim.testing.ConsoleClient.formToken;
import static com.classlark.scim.testing.ConsoleClient.main;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.app.Services;
import com.classlark.scim.directory.Account;
import com.classlark.scim.directory.Caller;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.ConsoleClient;
import com.classlark.scim.testing.ConsolePeople;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Provisioning page and support's SCIM access actions at the HTTP level, on both engines: what
 * each page shows, each action's effect on real SCIM calls, a new token shown exactly once, form
 * tokens, and a school admin refused every support action (forged posts included). Each test uses a
 * school of its own.
 */
class ConsoleSupportHttpTest extends ServerPerEngine {
  private static final Pattern SHOWN_TOKEN =
      Pattern.compile("<code id=\"new-token\" class=\"secret\">([^<]+)</code>");

  private Account school;
  private String token;
  private ScimClient scim;
  private String access;

  @BeforeEach
  void newSchool() {
    school = services().accounts().create("Support School " + engine);
    token = services().tokens().issue(school.id(), "Entra ID", null).secret();
    scim = ScimClient.withToken(server.baseUrl(), token);
    access = "/console/schools/" + school.id() + "/scim-access";
  }

  private static Services services() {
    return server.application().services();
  }

  private static ConsoleClient signedIn(String email) {
    ConsoleClient browser = new ConsoleClient(server.baseUrl());
    assertThat(browser.signIn(email, ConsolePeople.PASSWORD).status()).isEqualTo(303);
    return browser;
  }

  private static ConsoleClient support() {
    return signedIn(ConsolePeople.support(server));
  }

  /** Posts a form of the signed-in page with the session's form token. */
  private static HttpResult post(ConsoleClient browser, String path, String... fields) {
    String home = browser.get("/console").header("Location");
    List<String> all = new ArrayList<>(List.of("csrf", formToken(browser.get(home))));
    all.addAll(List.of(fields));
    return browser.post(path, all);
  }

  private static String shownToken(HttpResult page) {
    Matcher matcher = SHOWN_TOKEN.matcher(page.body());
    assertThat(matcher.find()).as(page.body()).isTrue();
    return matcher.group(1);
  }

  private static void awaitLog() {
    server.awaitLogWritten();
  }

  private String createStaff(String email) {
    HttpResult created = scim.post("/scim/v2/Users", Bodies.staff(email));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  @Test
  void theProvisioningPageShowsTheConnectionAndExplainsAFailureInPlainWords() {
    String email = Bodies.uniqueEmail("jane");
    createStaff(email);
    HttpResult duplicate = scim.post("/scim/v2/Users", Bodies.staff(email));
    assertThat(duplicate.status()).isEqualTo(409);
    awaitLog();
    ConsoleClient admin = signedIn(ConsolePeople.schoolAdmin(server, school.id()));

    HttpResult page = admin.get("/console/schools/" + school.id() + "/provisioning");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Cache-Control")).isEqualTo("no-store");
    String main = main(page);
    assertThat(main)
        .contains("<span class=\"status status-good\">Enabled</span>")
        .contains("<code>" + server.baseUrl() + "/scim/v2</code>")
        .contains("<code>" + token.substring(0, 11) + "…</code> (Entra ID) · last used ")
        .contains(
            "<p>1 successful and <span class=\"count-bad\">1 failed</span> requests in the last 7"
                + " days (hours in UTC).</p>")
        .contains("data-chart-src=\"/console/schools/" + school.id() + "/provisioning/hours\"")
        .contains(
            "<td>Create staff member</td><td>"
                + email
                + "</td><td><span class=\"status status-bad\">409</span></td><td>A staff member"
                + " with this email address already exists in ClassLark: give the existing record"
                + " the same external id in your identity provider, or use another email"
                + " address.<br><span class=\"help\">Detail sent to your identity provider: ")
        .contains(
            "<td>Create staff member</td><td>"
                + email
                + "</td><td><span class=\"status status-good\">201</span></td></tr>")
        .doesNotContain(token.substring(11))
        .doesNotContain("Manage tokens and releases");
    assertThat(main.indexOf("Failed requests")).isLessThan(main.indexOf("Successful changes"));
  }

  @Test
  void theChartDataHas168HoursWithTheLoggedRequests() {
    createStaff(Bodies.uniqueEmail("chart"));
    scim.get("/scim/v2/Users/no-such-id");
    scim.patch("/scim/v2/Users/no-such-id", Bodies.json("{'Operations':[]}"));
    awaitLog();

    HttpResult hours = support().get("/console/schools/" + school.id() + "/provisioning/hours");

    assertThat(hours.status()).isEqualTo(200);
    assertThat(hours.header("Content-Type")).startsWith("application/json");
    JsonNode json = hours.json();
    assertThat(json.path("hours")).hasSize(168);
    assertThat(json.path("successes")).hasSize(168);
    long lastHour = json.path("hours").get(167).asLong();
    assertThat(lastHour % 3600).isZero();
    assertThat(lastHour).isEqualTo(server.clock().instant().getEpochSecond() / 3600 * 3600);
    assertThat(json.path("hours").get(0).asLong()).isEqualTo(lastHour - 167 * 3600);
    assertThat(sum(json.path("successes"))).isEqualTo(1);
    assertThat(sum(json.path("failures"))).isEqualTo(2);
    assertThat(json.path("successes").get(167).asLong()).isEqualTo(1);
  }

  private static long sum(JsonNode numbers) {
    return StreamSupport.stream(numbers.spliterator(), false).mapToLong(JsonNode::asLong).sum();
  }

  @Test
  void failuresArePagedOldestOnTheNextPage() {
    for (int i = 0; i < ProvisioningRoutes.PAGE_SIZE + 1; i++) {
      scim.patch(
          "/scim/v2/Users/missing-" + i,
          Bodies.json(
              "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                  + "'Operations':[{'op':'replace','path':'active','value':false}]}"));
      server.clock().advance(Duration.ofMillis(1));
    }
    awaitLog();
    ConsoleClient browser = support();

    HttpResult first = browser.get("/console/schools/" + school.id() + "/provisioning");
    Matcher older =
        Pattern.compile("<a href=\"([^\"]+)\">Older failures</a>").matcher(first.body());
    assertThat(older.find()).isTrue();
    HttpResult second = browser.get(older.group(1).replace("&amp;", "&"));

    assertThat(first.body().split("status status-bad\">404").length - 1)
        .isEqualTo(ProvisioningRoutes.PAGE_SIZE);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body().split("status status-bad\">404").length - 1).isEqualTo(1);
    assertThat(second.body()).doesNotContain("Older failures").contains("Back to the newest");
  }

  @Test
  void aCursorThatIsNotOneOfTheLogsShowsTheNewestEntries() {
    scim.get("/scim/v2/Users/missing");
    awaitLog();
    ConsoleClient browser = support();

    HttpResult page =
        browser.get(
            "/console/schools/" + school.id() + "/provisioning?failures=not-a-cursor&requests=%25");

    assertThat(page.status()).isEqualTo(200);
    assertThat(main(page))
        .contains("<span class=\"status status-bad\">404</span>")
        .contains("Back to the newest entries");
  }

  @Test
  void anIssuedTokenIsShownOnceAndWorks() {
    ConsoleClient browser = support();

    HttpResult issued = post(browser, access + "/tokens", "label", "Okta", "expiresInDays", "30");
    String secret = shownToken(issued);
    HttpResult accessPage = browser.get(access);

    assertThat(issued.status()).isEqualTo(200);
    assertThat(issued.header("Cache-Control")).isEqualTo("no-store");
    assertThat(main(issued))
        .contains("This is the only time the token is shown.")
        .contains("<li>The school's other tokens keep working.</li>")
        .contains(
            "<button type=\"button\" hidden data-copy-target=\"new-token\""
                + " data-copy-status=\"copy-status\">Copy the token</button>");
    assertThat(ScimClient.withToken(server.baseUrl(), secret).get("/scim/v2/Users").status())
        .isEqualTo(200);
    assertThat(scim.get("/scim/v2/Users").status()).isEqualTo(200);
    assertThat(accessPage.body())
        .contains("<code>" + secret.substring(0, 11) + "…</code>")
        .contains("<td>Okta</td>")
        .doesNotContain(secret.substring(11));
    assertThat(issued.header("Location")).isNull();
  }

  @Test
  void regeneratingALeakedTokenRevokesTheOldOneAtOnce() {
    ConsoleClient browser = support();

    HttpResult regenerated = post(browser, access + "/tokens/regenerate", "mode", "leaked");
    String secret = shownToken(regenerated);

    assertThat(main(regenerated))
        .contains("<li>The old token was revoked: it stopped working at once.</li>");
    assertThat(scim.get("/scim/v2/Users").status()).isEqualTo(401);
    assertThat(ScimClient.withToken(server.baseUrl(), secret).get("/scim/v2/Users").status())
        .isEqualTo(200);
  }

  @Test
  void aPlannedRotationKeepsTheOldTokenForTheChosenHours() {
    ConsoleClient browser = support();

    HttpResult regenerated =
        post(browser, access + "/tokens/regenerate", "mode", "rotation", "graceHours", "2");

    assertThat(regenerated.status()).isEqualTo(200);
    assertThat(main(regenerated)).contains("<li>The old token keeps working until ");
    assertThat(scim.get("/scim/v2/Users").status()).isEqualTo(200);
    server.clock().advance(Duration.ofHours(2));
    assertThat(scim.get("/scim/v2/Users").status()).isEqualTo(401);
  }

  @Test
  void badRegenerateAndIssueFormsAreRefusedInPlainWordsAndChangeNothing() {
    ConsoleClient browser = support();

    HttpResult noMode = post(browser, access + "/tokens/regenerate");
    HttpResult tooLong =
        post(browser, access + "/tokens/regenerate", "mode", "rotation", "graceHours", "169");
    HttpResult badExpiry = post(browser, access + "/tokens", "expiresInDays", "0");
    HttpResult longLabel = post(browser, access + "/tokens", "label", "x".repeat(201));

    assertThat(noMode.status()).isEqualTo(422);
    assertThat(main(noMode))
        .contains(
            "<p class=\"problem\" role=\"alert\">No token was regenerated: choose whether the old"
                + " token leaked or this is a planned rotation.</p>");
    assertThat(main(tooLong))
        .contains(
            "No token was regenerated: for a planned rotation, keep the old token for a whole"
                + " number of hours from 1 to 168.");
    assertThat(main(badExpiry))
        .contains(
            "The token was not issued: its lifetime must be a whole number of days from 1 to"
                + " 3650, or empty for a token that does not expire.");
    assertThat(longLabel.status()).isEqualTo(422);
    assertThat(main(longLabel))
        .contains("The token was not issued: the label must be at most 200 characters.");
    assertThat(services().tokens().list(school.id())).hasSize(1);
    assertThat(scim.get("/scim/v2/Users").status()).isEqualTo(200);
  }

  @Test
  void revokingATokenStopsItAndDisablingRevokesEveryTokenAfterAConfirmation() {
    String second = services().tokens().issue(school.id(), "second", null).secret();
    String firstId = services().tokens().list(school.id()).get(0).id();
    ConsoleClient browser = support();

    HttpResult revoked = post(browser, access + "/tokens/" + firstId + "/revoke");
    HttpResult confirmation = browser.get(access + "/disable");
    HttpResult disabled = post(browser, access + "/disable");
    HttpResult after = browser.get(disabled.header("Location"));

    assertThat(revoked.status()).isEqualTo(303);
    assertThat(revoked.header("Location")).isEqualTo(access + "?done=revoked");
    assertThat(main(confirmation))
        .contains(
            "<p>This revokes 1 working token: the identity provider stops provisioning at"
                + " once.</p>")
        .contains("<button type=\"submit\" class=\"danger\">Disable SCIM</button>");
    assertThat(disabled.status()).isEqualTo(303);
    assertThat(main(after))
        .contains(
            "<p class=\"notice\" role=\"status\">SCIM is disabled: every token was revoked."
                + " Records stay managed by the identity provider until you release them.</p>")
        .contains("<span class=\"status status-warning\">Disabled</span>");
    assertThat(scim.get("/scim/v2/Users").status()).isEqualTo(401);
    assertThat(ScimClient.withToken(server.baseUrl(), second).get("/scim/v2/Users").status())
        .isEqualTo(401);
  }

  @Test
  void releasingEveryRecordSaysHowManyItUnlocksThenUnlocksThem() {
    String first = createStaff(Bodies.uniqueEmail("a"));
    createStaff(Bodies.uniqueEmail("b"));
    assertThat(
            scim.post(
                    "/scim/v2/Groups",
                    Bodies.json(
                        "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],"
                            + "'displayName':'Maths'}"))
                .status())
        .isEqualTo(201);
    ConsoleClient browser = support();

    HttpResult confirmation = browser.get(access + "/release");
    HttpResult released = post(browser, access + "/release");
    HttpResult after = browser.get(released.header("Location"));

    assertThat(main(confirmation))
        .contains(
            "<p>This unlocks 2 staff records and 1 group that the identity provider manages"
                + " now.</p>")
        .contains("<button type=\"submit\" class=\"danger\">Release 3 records</button>");
    assertThat(released.status()).isEqualTo(303);
    assertThat(main(after))
        .contains("Every record of the school was released")
        .contains("<p>0 staff records and 0 groups are managed by the identity provider now.</p>");
    assertThat(
            services().staffSection().get(Caller.commandLine(), school.id(), first).scimManaged())
        .isFalse();
  }

  @Test
  void releasingOneStaffMemberByEmailConfirmsThenUnlocksOnlyThatRecord() {
    String email = Bodies.uniqueEmail("release");
    String released = createStaff(email);
    String other = createStaff(Bodies.uniqueEmail("keep"));
    ConsoleClient browser = support();

    HttpResult confirmation = browser.get(access + "/release-staff?staff=" + email.toUpperCase());
    HttpResult unknown = browser.get(access + "/release-staff?staff=nobody%40school.example");
    HttpResult done = post(browser, access + "/release-staff", "staffId", released);

    assertThat(main(confirmation))
        .contains("<h1>Release Jane Doe (" + email + ")?</h1>")
        .contains("<input type=\"hidden\" name=\"staffId\" value=\"" + released + "\">");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(main(unknown))
        .contains(
            "No staff member of this school has that email address or id; nothing was"
                + " released.");
    assertThat(done.header("Location")).isEqualTo(access + "?done=released-staff");
    assertThat(
            services()
                .staffSection()
                .get(Caller.commandLine(), school.id(), released)
                .scimManaged())
        .isFalse();
    assertThat(
            services().staffSection().get(Caller.commandLine(), school.id(), other).scimManaged())
        .isTrue();
  }

  @Test
  void theDefaultUserTypeIsSavedAndAnUnknownTypeIsRefused() {
    ConsoleClient browser = support();

    HttpResult saved = post(browser, access + "/default-user-type", "defaultUserType", "Staff");
    HttpResult refused = post(browser, access + "/default-user-type", "defaultUserType", "Boss");
    HttpResult page = browser.get(access);

    assertThat(saved.status()).isEqualTo(303);
    assertThat(refused.status()).isEqualTo(422);
    assertThat(main(refused))
        .contains(
            "The default staff type was not changed: choose one of Staff, Event Manager, Finance"
                + " Manager, Administrator, or none.");
    assertThat(page.body()).contains("<option value=\"Staff\" selected>Staff</option>");
    assertThat(
            scim.post(
                    "/scim/v2/Users",
                    Bodies.json(
                        "{'userName':'"
                            + Bodies.uniqueEmail("typeless")
                            + "','name':{'givenName':'A','familyName':'B'}}"))
                .json()
                .path("userType")
                .asText())
        .isEqualTo("Staff");
  }

  @Test
  void aSchoolAdminIsRefusedEverySupportActionEvenWithAValidFormToken() {
    String staffId = createStaff(Bodies.uniqueEmail("locked"));
    ConsoleClient admin = signedIn(ConsolePeople.schoolAdmin(server, school.id()));
    String tokenId = services().tokens().list(school.id()).get(0).id();

    HttpResult page = admin.get(access);
    List<HttpResult> forged =
        List.of(
            post(admin, access + "/tokens", "label", "mine"),
            post(admin, access + "/tokens/regenerate", "mode", "leaked"),
            post(admin, access + "/tokens/" + tokenId + "/revoke"),
            post(admin, access + "/disable"),
            post(admin, access + "/release"),
            post(admin, access + "/release-staff", "staffId", staffId),
            post(admin, access + "/default-user-type", "defaultUserType", "Staff"));
    HttpResult schoolPage = admin.get("/console/schools/" + school.id());

    assertThat(page.status()).isEqualTo(403);
    assertThat(main(page))
        .isEqualTo(
            "<section class=\"card narrow\"><h1>This page is for ClassLark support</h1><p>Your"
                + " account can see your own school only. Ask ClassLark support if you need"
                + " something from this page.</p><p><a class=\"button\" href=\"/console\">Back to"
                + " your school</a></p><p class=\"help\">Error 403</p></section>");
    assertThat(forged)
        .allSatisfy(
            result -> {
              assertThat(result.status()).isEqualTo(403);
              assertThat(main(result)).contains("<h1>This page is for ClassLark support</h1>");
              assertThat(result.body()).doesNotContain("new-token");
            });
    assertThat(services().tokens().list(school.id())).hasSize(1);
    assertThat(scim.get("/scim/v2/Users").status()).isEqualTo(200);
    assertThat(
            services().staffSection().get(Caller.commandLine(), school.id(), staffId).scimManaged())
        .isTrue();
    assertThat(services().schools().get(Caller.commandLine(), school.id()).scim().defaultUserType())
        .isNull();
    assertThat(schoolPage.body()).doesNotContain("scim-access");
  }

  @Test
  void anotherSchoolsPagesAndActionsAreNotFoundForASchoolAdmin() {
    ConsoleClient admin = signedIn(ConsolePeople.schoolAdmin(server, server.school().id()));

    List<HttpResult> results =
        List.of(
            admin.get("/console/schools/" + school.id() + "/provisioning"),
            admin.get("/console/schools/" + school.id() + "/provisioning/hours"),
            admin.get(access),
            post(admin, access + "/tokens/regenerate", "mode", "leaked"));

    assertThat(results)
        .allSatisfy(
            result -> {
              assertThat(result.status()).isEqualTo(404);
              assertThat(main(result)).contains("<h1>Page not found</h1>");
            });
    assertThat(scim.get("/scim/v2/Users").status()).isEqualTo(200);
  }

  @Test
  void supportActionsWithoutTheFormTokenChangeNothing() {
    ConsoleClient browser = support();
    browser.get(access);

    HttpResult missing = browser.post(access + "/tokens/regenerate", List.of("mode", "leaked"));
    HttpResult forged =
        browser.post(access + "/disable", List.of("csrf", "forged-token-of-another-site"));

    assertThat(missing.status()).isEqualTo(403);
    assertThat(forged.status()).isEqualTo(403);
    assertThat(main(forged)).contains("<h1>This form has expired</h1>");
    assertThat(scim.get("/scim/v2/Users").status()).isEqualTo(200);
    assertThat(services().tokens().list(school.id())).hasSize(1);
  }

  @Test
  void theSchoolsListShowsFailuresOfTheLast24Hours() {
    scim.get("/scim/v2/Users/missing");
    scim.patch("/scim/v2/Users/missing", Bodies.json("{'Operations':[]}"));
    awaitLog();
    ConsoleClient browser = support();

    HttpResult list = browser.get("/console/schools?q=" + "Support+School+" + engine);
    server.clock().advance(Duration.ofHours(24).plusMinutes(1));
    HttpResult dayLater = support().get("/console/schools?q=" + "Support+School+" + engine);

    assertThat(main(list))
        .contains("<td><a href=\"/console/schools/" + school.id() + "/provisioning\">2</a></td>");
    assertThat(main(dayLater))
        .contains(
            "<td><a href=\"/console/schools/"
                + school.id()
                + "\">Support School "
                + engine
                + "</a></td><td><span class=\"status status-good\">Enabled</span></td><td>"
                + Formats.dateTime(services().tokens().list(school.id()).get(0).lastUsedAt())
                + "</td><td>None</td>");
  }

  @Test
  void supportPagesThroughTheSchoolsByNameFiftyAtATime() {
    String prefix =
        "Paged " + engine + " " + java.util.UUID.randomUUID().toString().substring(0, 8);
    for (int i = SchoolRoutes.PAGE_SIZE; i >= 0; i--) {
      String name = prefix + " " + String.format("%02d", i);
      services().accounts().create(i % 2 == 0 ? name : name.toUpperCase());
    }
    ConsoleClient browser = support();
    String search = java.net.URLEncoder.encode(prefix, java.nio.charset.StandardCharsets.UTF_8);

    HttpResult first = browser.get("/console/schools?q=" + search);
    Matcher next = Pattern.compile("<a href=\"([^\"]+)\">Next schools</a>").matcher(first.body());
    assertThat(next.find()).isTrue();
    HttpResult second = browser.get(next.group(1).replace("&amp;", "&"));

    String firstPage = main(first);
    assertThat(firstPage.split("<tr><td><a href=\"/console/schools/").length - 1)
        .isEqualTo(SchoolRoutes.PAGE_SIZE);
    assertThat(firstPage)
        .contains("<caption>50 schools shown, by name; more on the next page</caption>")
        .doesNotContain(" 50</a>");
    assertThat(firstPage.indexOf(prefix + " 00</a>"))
        .isLessThan(firstPage.indexOf(prefix.toUpperCase() + " 01</a>"))
        .isLessThan(firstPage.indexOf(prefix + " 48</a>"));
    assertThat(firstPage.indexOf(prefix + " 48</a>"))
        .isLessThan(firstPage.indexOf(prefix.toUpperCase() + " 49</a>"));
    assertThat(main(second))
        .contains(prefix + " 50</a>")
        .contains("<caption>1 school </caption>")
        .doesNotContain("Next schools");
  }

  @Test
  void theSchoolPageLinksSupportToTheScimAccessPage() {
    HttpResult page = support().get("/console/schools/" + school.id());

    assertThat(main(page))
        .contains(
            "<a class=\"button\" href=\"/console/schools/"
                + school.id()
                + "/provisioning\">Provisioning: log and chart</a>")
        .contains(
            "<a class=\"button\" href=\"" + access + "\">SCIM access: tokens and releases</a>");
  }
}
