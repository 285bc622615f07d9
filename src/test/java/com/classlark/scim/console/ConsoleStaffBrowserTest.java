package com.classlark.scim.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.ConsolePeople;
import com.classlark.scim.testing.HttpResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Staff section of the console in a real browser (headless Chromium), on both engines, as a
 * school admin: staff the identity provider just created over SCIM appear and are found by search
 * as you type, a deactivation made over SCIM shows, a managed record cannot be edited, a hand-made
 * one is added, refused with the API's messages, edited, deactivated and removed, and the group
 * pages. Every page is checked with axe-core and photographed at desktop and phone width
 * (target/console-screenshots).
 */
class ConsoleStaffBrowserTest extends ConsoleBrowserBase {

  private static String school() {
    return "/console/schools/" + server.school().id();
  }

  private void signInAsSchoolAdmin() {
    signIn(ConsolePeople.schoolAdmin(server, server.school().id()), ConsolePeople.PASSWORD);
  }

  /** A staff member created by the identity provider over SCIM; returns the id. */
  private static String scimStaff(String email, String given, String family) {
    HttpResult created =
        client.post(
            "/Users",
            Bodies.json(
                "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User','urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User'],"
                    + "'userName':'"
                    + email
                    + "','name':{'givenName':'"
                    + given
                    + "','familyName':'"
                    + family
                    + "'},'userType':'Staff','urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User':"
                    + "{'room':'A113','subjects':'Mathematics, Physics'}}"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asText();
  }

  private static void type(String id, String text) {
    var field = driver().findElement(By.id(id));
    field.clear();
    field.sendKeys(text);
  }

  private static int inputsInMain() {
    return driver().findElements(By.cssSelector("main input, main select, main textarea")).size();
  }

  @Test
  void aSchoolAdminFindsStaffScimCreatedAsTheyTypeSeesTheirDeactivationAndCannotEditThem() {
    scimStaff(Bodies.uniqueEmail("ada"), "Ada", "Abbott");
    String email = Bodies.uniqueEmail("quentin");
    String id = scimStaff(email, "Quentin", "Zebedee");
    signInAsSchoolAdmin();
    browser.clickAndWait("header nav a[href$='/staff']");
    assertThat(browser.text("h1")).isEqualTo("Staff");
    assertThat(driver().findElements(By.cssSelector("#staff-list tbody tr"))).hasSizeGreaterThan(1);
    check("staff");

    driver().findElement(By.id("q")).sendKeys("zebe");

    new WebDriverWait(driver(), Duration.ofSeconds(10))
        .until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#staff-list tbody tr"), 1));
    assertThat(browser.text("#staff-list tbody tr"))
        .isEqualTo(
            "Quentin Zebedee "
                + email
                + " Staff A113 Mathematics, Physics Active Managed by your identity provider");
    assertThat(driver().getCurrentUrl()).contains("/staff?").contains("q=zebe");
    check("staff-search");

    HttpResult deactivated =
        client.patch(
            "/Users/" + id,
            Bodies.json(
                "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                    + "'Operations':[{'op':'replace','path':'active','value':false}]}"));
    assertThat(deactivated.status()).isEqualTo(200);
    new Select(driver().findElement(By.id("active"))).selectByVisibleText("Deactivated");
    new WebDriverWait(driver(), Duration.ofSeconds(10))
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#staff-list tbody tr"), "Deactivated"));
    browser.clickAndWait("#staff-list tbody tr a");

    assertThat(browser.text("h1")).isEqualTo("Quentin Zebedee");
    assertThat(browser.text("main .badges"))
        .isEqualTo("Deactivated Managed by your identity provider");
    assertThat(browser.text("main .lock"))
        .isEqualTo(
            "Your school's identity provider keeps this record up to date, so it cannot be"
                + " changed here. Change it in your identity provider, or ask ClassLark support to"
                + " release it for editing by hand.");
    assertThat(inputsInMain()).isZero();
    check("staff-member-managed");
  }

  @Test
  void aSchoolAdminAddsAStaffMemberByHandEditsAndRemovesThem() {
    signInAsSchoolAdmin();
    open(school() + "/staff");
    browser.clickAndWait("main .page-head a.button");
    assertThat(browser.text("h1")).isEqualTo("Add staff");
    check("staff-new");

    type("email", "not an email");
    type("givenName", "Hana");
    type("familyName", "Handmade");
    new Select(driver().findElement(By.id("userType"))).selectByVisibleText("Event Manager");
    type("room", "B12");
    browser.clickAndWait("main form button[type=submit]");

    assertThat(browser.text("#email-error"))
        .isEqualTo("Email must be an email address, e.g. jane.doe@school.example.");
    assertThat(driver().findElement(By.id("room")).getAttribute("value")).isEqualTo("B12");
    assertThat(
            new Select(driver().findElement(By.id("userType"))).getFirstSelectedOption().getText())
        .isEqualTo("Event Manager");
    check("staff-new-refused");

    type("email", Bodies.uniqueEmail("hana"));
    browser.clickAndWait("main form button[type=submit]");
    assertThat(browser.text("h1")).isEqualTo("Hana Handmade");
    assertThat(browser.text(".notice")).isEqualTo("The staff member is added.");
    check("staff-member");

    type("room", "C7");
    browser.clickAndWait("section[aria-labelledby=edit-heading] button[type=submit]");
    assertThat(browser.text(".notice")).isEqualTo("Your changes are saved.");
    assertThat(driver().findElement(By.id("room")).getAttribute("value")).isEqualTo("C7");

    browser.clickAndWait("section[aria-labelledby=state-heading] button[type=submit]");
    assertThat(browser.text("main .badges")).isEqualTo("Deactivated");

    browser.clickAndWait("main a.button.danger");
    assertThat(browser.text("h1")).isEqualTo("Remove Hana Handmade?");
    check("staff-remove");
    browser.clickAndWait("main form button.danger");
    assertThat(browser.text(".notice"))
        .isEqualTo(
            "The staff member is removed. Their history stays in ClassLark, and their email"
                + " address can be used for someone new.");
    assertThat(driver().findElement(By.id("staff-list")).getText()).doesNotContain("Hana");
  }

  @Test
  void aSchoolAdminCreatesAGroupAddsAMemberAndSeesAManagedGroupReadOnly() {
    String email = Bodies.uniqueEmail("grace");
    String memberId = scimStaff(email, "Grace", "Groupwell");
    HttpResult managed =
        client.post(
            "/Groups",
            Bodies.json(
                "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],"
                    + "'displayName':'Science department','members':[{'value':'"
                    + memberId
                    + "'}]}"));
    assertThat(managed.status()).isEqualTo(201);
    signInAsSchoolAdmin();
    browser.clickAndWait("header nav a[href$='/groups']");
    assertThat(browser.text("h1")).isEqualTo("Groups");
    check("groups");

    browser.clickAndWait("main .page-head a.button");
    type("displayName", "Trip helpers");
    browser.clickAndWait("main form button[type=submit]");
    assertThat(browser.text("h1")).isEqualTo("Trip helpers");
    assertThat(browser.text(".notice")).isEqualTo("The group is created.");

    type("email", email);
    browser.clickAndWait("section[aria-labelledby=members-heading] form button[type=submit]");
    assertThat(browser.text(".notice")).isEqualTo("The staff member is added to the group.");
    assertThat(browser.text("section[aria-labelledby=members-heading] tbody tr"))
        .startsWith("Grace Groupwell " + email);
    check("group");

    open(school() + "/groups/" + managed.json().get("id").asText());
    assertThat(browser.text("h1")).isEqualTo("Science department");
    assertThat(browser.text("main .badges")).isEqualTo("Managed by your identity provider");
    assertThat(inputsInMain()).isZero();
    check("group-managed");
  }
}
