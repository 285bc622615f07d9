package com.classlark.scim.console;

import static com.classlark.scim.testing.ConsoleClient.formToken;
import static com.classlark.scim.testing.ConsoleClient.main;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.Account;
import com.classlark.scim.directory.ApiKeyRole;
import com.classlark.scim.testing.ApiClients;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.ConsoleClient;
import com.classlark.scim.testing.ConsolePeople;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import com.classlark.scim.testing.StaffSeeder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Staff section's console pages at the HTTP level, on both engines: another school's staff and
 * groups are "not found", a forged form on a record the identity provider manages is refused and
 * changes nothing, a form without its token changes nothing, the add and edit forms give the
 * directory API's validation messages next to the fields, and the lists page by keyset.
 */
class ConsoleStaffHttpTest extends ServerPerEngine {
  private static final String NOT_FOUND =
      "<section class=\"card narrow\"><h1>Page not found</h1><p>There is no such page, or it is not"
          + " one your account can see. Check the address, or start again from the console's"
          + " home page.</p><p><a class=\"button\" href=\"/console\">Go to the console</a></p><p"
          + " class=\"help\">Error 404</p></section>";
  private static final String FORM_EXPIRED =
      "<section class=\"card narrow\"><h1>This form has expired</h1><p>The form was not sent from"
          + " this console page, or the page was open too long, so nothing was changed. Go back,"
          + " reload the page and try again.</p><p><a class=\"button\" href=\"/console\">Back to"
          + " the console</a></p><p class=\"help\">Error 403</p></section>";
  private static final Pattern LOCATION_ID = Pattern.compile("/(staff|groups)/([0-9a-f-]{36})\\?");

  private static ConsoleClient schoolAdmin() {
    ConsoleClient browser = new ConsoleClient(server.baseUrl());
    HttpResult signedIn =
        browser.signIn(
            ConsolePeople.schoolAdmin(server, server.school().id()), ConsolePeople.PASSWORD);
    assertThat(signedIn.status()).isEqualTo(303);
    return browser;
  }

  private static String school() {
    return "/console/schools/" + server.school().id();
  }

  /** A staff member created by the school's identity provider; returns the id. */
  private static String scimStaff(ScimClient scim, String email) {
    HttpResult created = scim.post("/Users", Bodies.staff(email));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asText();
  }

  private static String scimGroup(ScimClient scim, String name, String memberId) {
    HttpResult created =
        scim.post(
            "/Groups",
            Bodies.json(
                "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'displayName':'"
                    + name
                    + "','members':[{'value':'"
                    + memberId
                    + "'}]}"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asText();
  }

  /** Posts a form of the page with the page's form token first. */
  private static HttpResult submit(
      ConsoleClient browser, String pagePath, String action, String... fields) {
    List<String> all = new ArrayList<>(List.of("csrf", formToken(browser.get(pagePath))));
    all.addAll(List.of(fields));
    return browser.post(action, all);
  }

  private static String createdId(HttpResult redirect) {
    assertThat(redirect.status()).as(redirect.body()).isEqualTo(303);
    Matcher matcher = LOCATION_ID.matcher(redirect.header("Location"));
    assertThat(matcher.find()).as(redirect.header("Location")).isTrue();
    return matcher.group(2);
  }

  private static String handMade(ConsoleClient browser, String email, String given) {
    return createdId(
        submit(
            browser,
            school() + "/staff/new",
            school() + "/staff/new",
            "email",
            email,
            "givenName",
            given,
            "familyName",
            "Handmade",
            "userType",
            "Staff",
            "externalId",
            "",
            "subjects",
            "Art",
            "room",
            "B2",
            "meetingUrl",
            ""));
  }

  @Test
  void anotherSchoolsStaffAndGroupsAreNotFoundForASchoolAdmin() {
    Account other = server.application().services().accounts().create("Elsewhere Academy");
    ScimClient elsewhere =
        ScimClient.withToken(
            server.baseUrl(),
            server.application().services().tokens().issue(other.id(), "test", null).secret());
    String theirStaff = scimStaff(elsewhere, Bodies.uniqueEmail("elsewhere"));
    String theirGroup = scimGroup(elsewhere, "Elsewhere maths", theirStaff);
    String otherSchoolId = other.id();
    ConsoleClient browser = schoolAdmin();
    String token = formToken(browser.get(school() + "/staff"));

    List<HttpResult> tampered =
        List.of(
            browser.get("/console/schools/" + otherSchoolId + "/staff"),
            browser.get("/console/schools/" + otherSchoolId + "/staff/" + theirStaff),
            browser.get("/console/schools/" + otherSchoolId + "/groups"),
            browser.get("/console/schools/" + otherSchoolId + "/groups/" + theirGroup),
            browser.get(school() + "/staff/" + theirStaff),
            browser.get(school() + "/groups/" + theirGroup),
            browser.get(school() + "/staff/" + theirStaff + "/remove"),
            browser.post(
                "/console/schools/" + otherSchoolId + "/staff/" + theirStaff + "/deactivate",
                List.of("csrf", token)),
            browser.post(school() + "/staff/" + theirStaff + "/deactivate", List.of("csrf", token)),
            browser.post(
                "/console/schools/" + otherSchoolId + "/groups/" + theirGroup + "/delete",
                List.of("csrf", token)),
            browser.post(
                "/console/schools/" + otherSchoolId + "/staff/new",
                List.of("csrf", token, "email", "x@school.example")));

    assertThat(tampered)
        .allSatisfy(
            response -> {
              assertThat(response.status()).isEqualTo(404);
              assertThat(main(response)).isEqualTo(NOT_FOUND);
            });
    JsonNode stillThere = elsewhere.get("/Users/" + theirStaff).json();
    assertThat(stillThere.get("active").asBoolean()).isTrue();
    assertThat(elsewhere.get("/Groups/" + theirGroup).status()).isEqualTo(200);
  }

  @Test
  void aForgedFormOnAManagedStaffMemberIsRefusedInPlainWordsAndChangesNothing() {
    String email = Bodies.uniqueEmail("managed");
    String id = scimStaff(client, email);
    ConsoleClient browser = schoolAdmin();
    String page = school() + "/staff/" + id;
    HttpResult shown = browser.get(page);
    String version = client.get("/Users/" + id).json().get("meta").get("version").asText();

    List<HttpResult> forged =
        List.of(
            submit(
                browser,
                page,
                page,
                "email",
                email,
                "givenName",
                "Forged",
                "familyName",
                "Doe",
                "userType",
                "Staff",
                "version",
                version),
            submit(browser, page, page + "/deactivate", "version", version),
            submit(browser, page, page + "/remove", "version", version));

    assertThat(shown.status()).isEqualTo(200);
    assertThat(main(shown))
        .contains(
            "<p class=\"lock\">Your school's identity provider keeps this record up to date,"
                + " so it cannot be changed here. Change it in your identity provider, or ask"
                + " ClassLark support to release it for editing by hand.</p>")
        .contains("<dt>First name</dt><dd>Jane</dd>")
        .doesNotContain("<form method=\"post\" action=\"" + page)
        .doesNotContain("<input");
    assertThat(forged)
        .allSatisfy(
            response -> {
              assertThat(response.status()).isEqualTo(409);
              assertThat(main(response))
                  .isEqualTo(
                      "<section class=\"card narrow\"><h1>That could not be done</h1><p>The"
                          + " staff member "
                          + id
                          + " is managed by the school's identity provider through SCIM, so it"
                          + " cannot be changed in ClassLark; nothing was changed. Make the change"
                          + " in the school's identity provider, or ask ClassLark support to"
                          + " release the staff member from SCIM.</p><p><a class=\"button\""
                          + " href=\"/console\">Back to the console</a></p><p class=\"help\">Error"
                          + " 409</p></section>");
            });
    JsonNode after = client.get("/Users/" + id).json();
    assertThat(after.get("name").get("givenName").asText()).isEqualTo("Jane");
    assertThat(after.get("active").asBoolean()).isTrue();
    assertThat(after.get("meta").get("version").asText()).isEqualTo(version);
  }

  @Test
  void aForgedFormOnAManagedGroupIsRefusedAndChangesNothing() {
    String member = scimStaff(client, Bodies.uniqueEmail("grouped"));
    String group = scimGroup(client, "Managed science", member);
    ConsoleClient browser = schoolAdmin();
    String page = school() + "/groups/" + group;
    HttpResult shown = browser.get(page);

    List<HttpResult> forged =
        List.of(
            submit(browser, page, page, "displayName", "Forged"),
            submit(browser, page, page + "/members/remove", "memberId", member),
            submit(browser, page, page + "/delete"));

    assertThat(main(shown))
        .contains("<span class=\"status status-managed\">Managed by your identity provider</span>")
        .doesNotContain("<input");
    assertThat(forged)
        .allSatisfy(
            response -> {
              assertThat(response.status()).isEqualTo(409);
              assertThat(main(response))
                  .startsWith(
                      "<section class=\"card narrow\"><h1>That could not be done</h1><p>The group "
                          + group
                          + " is managed by the school's identity provider through SCIM");
            });
    JsonNode after = client.get("/Groups/" + group).json();
    assertThat(after.get("displayName").asText()).isEqualTo("Managed science");
    assertThat(after.get("members")).hasSize(1);
  }

  @Test
  void aFormWithoutItsTokenIsRefusedAndChangesNothing() {
    ConsoleClient browser = schoolAdmin();
    String id = handMade(browser, Bodies.uniqueEmail("tokenless"), "Tokenless");
    String page = school() + "/staff/" + id;

    List<HttpResult> refused =
        List.of(
            browser.post(page + "/deactivate", List.of()),
            browser.post(page + "/remove", List.of("csrf", "forged")),
            browser.post(school() + "/groups/new", List.of("displayName", "No token", "csrf", "")));

    assertThat(refused)
        .allSatisfy(
            response -> {
              assertThat(response.status()).isEqualTo(403);
              assertThat(main(response)).isEqualTo(FORM_EXPIRED);
            });
    assertThat(client.get("/Users/" + id).json().get("active").asBoolean()).isTrue();
    assertThat(main(browser.get(school() + "/groups"))).doesNotContain("No token");
  }

  @Test
  void theAddFormGivesTheDirectoryApisMessagesNextToTheFieldsAndKeepsTheValues() {
    ConsoleClient browser = schoolAdmin();
    ScimClient api = ApiClients.withNewKey(server, ApiKeyRole.APP);
    JsonNode apiErrors =
        api.post(
                "/api/v1/schools/" + server.school().id() + "/staff",
                Bodies.json(
                    "{'email':'not an email','givenName':null,'familyName':'Keep',"
                        + "'userType':'Staff','meetingUrl':'ftp://files.example'}"))
            .json()
            .get("errors");

    HttpResult refused =
        submit(
            browser,
            school() + "/staff/new",
            school() + "/staff/new",
            "email",
            "not an email",
            "givenName",
            "",
            "familyName",
            "Keep",
            "userType",
            "Staff",
            "externalId",
            "",
            "subjects",
            "Kept subjects",
            "room",
            "",
            "meetingUrl",
            "ftp://files.example");

    assertThat(apiErrors).hasSize(3);
    assertThat(refused.status()).isEqualTo(422);
    String body = main(refused);
    assertThat(body)
        .contains(
            "<p class=\"field-error\" id=\"email-error\">Email "
                + rule(apiErrors, "email")
                + ".</p>")
        .contains(
            "<p class=\"field-error\" id=\"givenName-error\">First name "
                + rule(apiErrors, "givenName")
                + ".</p>")
        .contains(
            "<p class=\"field-error\" id=\"meetingUrl-error\">Default meeting URL "
                + rule(apiErrors, "meetingUrl")
                + ".</p>")
        .contains(
            "<input id=\"email\" name=\"email\" type=\"email\" value=\"not an email\""
                + " autocomplete=\"off\" aria-describedby=\"email-error\" aria-invalid=\"true\""
                + " required>")
        .contains("value=\"Kept subjects\"")
        .contains("value=\"ftp://files.example\"")
        .contains("<p>Nothing was saved. Fix what is marked below and try again:</p>");
    assertThat(rule(apiErrors, "email"))
        .isEqualTo("must be an email address, e.g. jane.doe@school.example");
    assertThat(main(browser.get(school() + "/staff?q=keep"))).doesNotContain("Keep");
  }

  private static String rule(JsonNode errors, String field) {
    for (JsonNode error : errors) {
      if (error.get("field").asText().equals(field)) {
        return error.get("rule").asText();
      }
    }
    throw new AssertionError("no error for " + field + " in " + errors);
  }

  @Test
  void aHandMadeStaffMemberIsAddedEditedDeactivatedReactivatedAndRemoved() {
    ConsoleClient browser = schoolAdmin();
    String email = Bodies.uniqueEmail("lifecycle");
    String id = handMade(browser, email, "Lifecycle");
    String page = school() + "/staff/" + id;

    HttpResult added = browser.get(page + "?done=added");
    HttpResult edited =
        submit(
            browser,
            page,
            page,
            "email",
            email,
            "givenName",
            "Renamed",
            "familyName",
            "Handmade",
            "userType",
            "Event Manager",
            "externalId",
            "ext-42",
            "subjects",
            "",
            "room",
            "C3",
            "meetingUrl",
            "https://meet.school.example/c3",
            "version",
            "W/\"1\"");
    JsonNode afterEdit = client.get("/Users/" + id).json();
    HttpResult deactivated = submit(browser, page, page + "/deactivate", "version", "W/\"2\"");
    boolean activeAfterDeactivation = client.get("/Users/" + id).json().get("active").asBoolean();
    HttpResult reactivated = submit(browser, page, page + "/reactivate", "version", "W/\"3\"");
    boolean activeAfterReactivation = client.get("/Users/" + id).json().get("active").asBoolean();
    HttpResult confirmation = browser.get(page + "/remove");
    HttpResult removed = submit(browser, page + "/remove", page + "/remove");

    assertThat(main(added))
        .contains("<p class=\"notice\" role=\"status\">The staff member is added.</p>");
    assertThat(edited.status()).isEqualTo(303);
    assertThat(edited.header("Location")).isEqualTo(page + "?done=saved");
    assertThat(afterEdit.get("name").get("givenName").asText()).isEqualTo("Renamed");
    assertThat(afterEdit.get("userType").asText()).isEqualTo("Event Manager");
    assertThat(afterEdit.get("externalId").asText()).isEqualTo("ext-42");
    assertThat(deactivated.header("Location")).isEqualTo(page + "?done=deactivated");
    assertThat(activeAfterDeactivation).isFalse();
    assertThat(reactivated.header("Location")).isEqualTo(page + "?done=reactivated");
    assertThat(activeAfterReactivation).isTrue();
    assertThat(confirmation.status()).isEqualTo(200);
    assertThat(main(confirmation))
        .contains("<h1>Remove Renamed Handmade?</h1>")
        .contains("<form method=\"post\" action=\"" + page + "/remove\" class=\"inline-action\">");
    assertThat(removed.status()).isEqualTo(303);
    assertThat(removed.header("Location")).isEqualTo(school() + "/staff?done=removed");
    assertThat(client.get("/Users/" + id).status()).isEqualTo(404);
    assertThat(browser.get(page).status()).isEqualTo(404);
  }

  @Test
  void anEditOfAnOutdatedVersionSaysSoAndSavesNothing() {
    ConsoleClient browser = schoolAdmin();
    String email = Bodies.uniqueEmail("outdated");
    String id = handMade(browser, email, "Outdated");
    String page = school() + "/staff/" + id;
    submit(browser, page, page + "/deactivate", "version", "W/\"1\"");

    HttpResult stale =
        submit(
            browser,
            page,
            page,
            "email",
            email,
            "givenName",
            "Stale",
            "familyName",
            "Handmade",
            "userType",
            "Staff",
            "version",
            "W/\"1\"");

    HttpResult staleReactivation =
        submit(browser, page, page + "/reactivate", "version", "W/\"1\"");

    assertThat(staleReactivation.status()).isEqualTo(409);
    assertThat(main(staleReactivation))
        .contains("<span class=\"status status-bad\">Deactivated</span>")
        .contains("<li>Someone changed this staff member since you opened this page");
    assertThat(client.get("/Users/" + id).json().get("active").asBoolean()).isFalse();
    assertThat(stale.status()).isEqualTo(409);
    assertThat(main(stale))
        .contains(
            "<li>Someone changed this staff member since you opened this page, so nothing was"
                + " changed. The page now shows what it is now: make your change again.</li>")
        .contains("<input type=\"hidden\" name=\"version\" value=\"W/&#34;2&#34;\">");
    assertThat(client.get("/Users/" + id).json().get("name").get("givenName").asText())
        .isEqualTo("Outdated");
  }

  @Test
  void theStaffListSearchesFiltersAndPagesForwardsAndBack() {
    StaffSeeder.seed(server, "Pagewise", 120);
    ConsoleClient browser = schoolAdmin();

    HttpResult first = browser.get(school() + "/staff?q=pagewise");
    String next = link(first, "next");
    HttpResult second = browser.get(next);
    HttpResult third = browser.get(link(second, "next"));
    HttpResult backToSecond = browser.get(link(third, "prev"));
    HttpResult backToFirst = browser.get(link(backToSecond, "prev"));
    HttpResult deactivatedOnly = browser.get(school() + "/staff?q=pagewise&active=false");
    HttpResult handMadeOnly = browser.get(school() + "/staff?q=Given1&managed=false");
    HttpResult expired = browser.get(school() + "/staff?q=pagewise&cursor=not-a-cursor");

    assertThat(rows(first)).hasSize(50).first().isEqualTo("Given0 Pagewise");
    assertThat(first.body()).doesNotContain("rel=\"prev\"");
    assertThat(rows(second)).hasSize(50).doesNotContainAnyElementsOf(rows(first));
    assertThat(rows(third)).hasSize(20);
    assertThat(third.body()).doesNotContain("rel=\"next\"");
    assertThat(rows(backToSecond)).isEqualTo(rows(second));
    assertThat(rows(backToFirst)).isEqualTo(rows(first));
    assertThat(main(deactivatedOnly))
        .contains("<p class=\"empty\">No staff member matches this search.</p>");
    assertThat(rows(handMadeOnly))
        .hasSize(1 + 10 + 20)
        .contains("Given1 Pagewise", "Given119 Pagewise");
    assertThat(expired.status()).isEqualTo(200);
    assertThat(main(expired))
        .contains(
            "<p class=\"problem\">That page link had expired (links to further pages work for a"
                + " day), so this is the first page again.</p>");
    assertThat(rows(expired)).isEqualTo(rows(first));
  }

  @Test
  void aGroupsMembersArePagedAndSupportSeesTheSamePages() {
    List<String> members = StaffSeeder.seed(server, "Memberwise", 120);
    StringBuilder values = new StringBuilder();
    for (String member : members) {
      values.append(values.isEmpty() ? "" : ",").append("{'value':'").append(member).append("'}");
    }
    HttpResult created =
        client.post(
            "/Groups",
            Bodies.json(
                "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],"
                    + "'displayName':'Everyone paged','members':["
                    + values
                    + "]}"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String page = school() + "/groups/" + created.json().get("id").asText();
    ConsoleClient support = new ConsoleClient(server.baseUrl());
    support.signIn(ConsolePeople.support(server), ConsolePeople.PASSWORD);

    HttpResult first = support.get(page);
    HttpResult second = support.get(link(first, "next"));
    HttpResult back = support.get(link(second, "prev"));
    HttpResult list = support.get(school() + "/groups");

    assertThat(first.status()).isEqualTo(200);
    assertThat(main(first)).contains("<dd>120 members</dd>");
    assertThat(rows(first)).hasSize(100);
    assertThat(rows(second)).hasSize(20).doesNotContainAnyElementsOf(rows(first));
    assertThat(second.body()).doesNotContain("rel=\"next\"");
    assertThat(rows(back)).isEqualTo(rows(first));
    assertThat(main(list))
        .contains("<a href=\"" + page + "\">Everyone paged</a></td><td>120 members</td>");
  }

  @Test
  void whatTheIdentityProviderSentIsShownAsTextAndATooLongSearchIsExplained() {
    String email = Bodies.uniqueEmail("markup");
    HttpResult created =
        client.post(
            "/Users",
            Bodies.json(
                "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'userName':'"
                    + email
                    + "','name':{'givenName':'<b>Bold</b>','familyName':'Markup\\u0022'},"
                    + "'userType':'Staff'}"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    ConsoleClient browser = schoolAdmin();

    HttpResult found = browser.get(school() + "/staff?q=markup");
    HttpResult tooLong = browser.get(school() + "/staff?q=" + "x".repeat(321));

    assertThat(main(found))
        .contains(">&lt;b&gt;Bold&lt;/b&gt; Markup\"</a>")
        .doesNotContain("<b>Bold</b>");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(main(tooLong))
        .contains("<p class=\"problem\">The search must be at most 320 characters long.</p>")
        .contains("<p class=\"empty\">No staff member matches this search.</p>");
  }

  private static final Pattern ROW_NAME =
      Pattern.compile("<tr>\\s*<td><a href=\"[^\"]+\">([^<]+)</a></td>");

  private static List<String> rows(HttpResult page) {
    List<String> names = new ArrayList<>();
    Matcher matcher = ROW_NAME.matcher(page.body());
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  private static String link(HttpResult page, String rel) {
    Matcher matcher =
        Pattern.compile("<a href=\"([^\"]+)\" rel=\"" + rel + "\">").matcher(page.body());
    assertThat(matcher.find()).as(rel + " link in " + page.body()).isTrue();
    return matcher.group(1).replace("&amp;", "&");
  }

  @Test
  void aHandMadeGroupIsCreatedRenamedGivenMembersAndDeleted() {
    ConsoleClient browser = schoolAdmin();
    String email = Bodies.uniqueEmail("member");
    String memberId = handMade(browser, email, "Member");
    String groupId =
        createdId(
            submit(
                browser,
                school() + "/groups/new",
                school() + "/groups/new",
                "displayName",
                "Hand-made history",
                "externalId",
                ""));
    String page = school() + "/groups/" + groupId;

    HttpResult duplicate =
        submit(
            browser,
            school() + "/groups/new",
            school() + "/groups/new",
            "displayName",
            "HAND-MADE HISTORY",
            "externalId",
            "");
    HttpResult renamed =
        submit(
            browser,
            page,
            page,
            "displayName",
            "Humanities",
            "externalId",
            "hum",
            "version",
            "W/\"1\"");
    HttpResult unknown = submit(browser, page, page + "/members", "email", "nobody@school.example");
    HttpResult added = submit(browser, page, page + "/members", "email", email.toUpperCase());
    HttpResult withMember = browser.get(page);
    JsonNode scimView = client.get("/Groups/" + groupId).json();
    HttpResult removedMember =
        submit(browser, page, page + "/members/remove", "memberId", memberId);
    int membersAfterRemoval = client.get("/Groups/" + groupId).json().path("members").size();
    HttpResult confirmation = browser.get(page + "/delete");
    HttpResult deleted = submit(browser, page + "/delete", page + "/delete");

    assertThat(duplicate.status()).isEqualTo(422);
    assertThat(main(duplicate))
        .contains(
            "<p class=\"field-error\" id=\"displayName-error\">Another group of this school already"
                + " has this name (compared ignoring case). Choose another name.</p>")
        .contains("value=\"HAND-MADE HISTORY\"");
    assertThat(renamed.header("Location")).isEqualTo(page + "?done=saved");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(main(unknown))
        .contains(
            "<p class=\"field-error\" id=\"email-error\">No staff member of this school has this"
                + " email address. Check it in the Staff list.</p>");
    assertThat(added.header("Location")).isEqualTo(page + "?done=member-added");
    assertThat(rows(withMember)).containsExactly("Member Handmade");
    assertThat(main(withMember)).contains("<h1>Humanities</h1>").contains("<dd>1 member</dd>");
    assertThat(scimView.get("displayName").asText()).isEqualTo("Humanities");
    assertThat(scimView.get("members").get(0).get("value").asText()).isEqualTo(memberId);
    assertThat(removedMember.header("Location")).isEqualTo(page + "?done=member-removed");
    assertThat(membersAfterRemoval).isZero();
    assertThat(main(confirmation)).contains("<h1>Delete the group Humanities?</h1>");
    assertThat(deleted.header("Location")).isEqualTo(school() + "/groups?done=deleted");
    assertThat(client.get("/Groups/" + groupId).status()).isEqualTo(404);
    assertThat(client.get("/Users/" + memberId).status()).isEqualTo(200);
  }
}
