package com.classlark.scim.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.Account;
import com.classlark.scim.directory.Caller;
import com.classlark.scim.protocol.schema.UserSchemas;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.ConsolePeople;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Provisioning page and support's SCIM access pages in a real browser (headless Chromium), on
 * both engines: support regenerates a leaked token and the old one stops working for real SCIM
 * calls, support releases a record after the confirmation and the school admin edits it by hand,
 * and a school admin reads a failure made by a real SCIM call and sees the chart. Every new page is
 * checked with axe-core and photographed at desktop and phone width.
 */
class ConsoleSupportBrowserTest extends ConsoleBrowserBase {

  private Account school;
  private String token;
  private ScimClient scim;

  @BeforeEach
  void newSchool() {
    school = server.application().services().accounts().create("Browser School " + engine);
    token = server.application().services().tokens().issue(school.id(), "Entra ID", null).secret();
    scim = ScimClient.withToken(server.baseUrl(), token);
  }

  private void signIn(String email) {
    signIn(email, ConsolePeople.PASSWORD);
  }

  private String access() {
    return "/console/schools/" + school.id() + "/scim-access";
  }

  @Test
  void supportRegeneratesALeakedTokenAndTheOldOneStopsWorking() {
    signIn(ConsolePeople.support(server));
    open(access());
    assertThat(text("h1")).isEqualTo("SCIM access");
    check("scim-access");

    driver().findElement(By.id("mode-leaked")).click();
    submit("form[action$='/tokens/regenerate'] button[type=submit]");

    assertThat(text("h1")).isEqualTo("The regenerated SCIM token");
    String secret = text("#new-token");
    assertThat(secret).startsWith("clsk_").isNotEqualTo(token);
    assertThat(text("main li")).isEqualTo("The old token was revoked: it stopped working at once.");
    check("token-shown");
    assertThat(scim.get("/scim/v2/Users").status()).isEqualTo(401);
    assertThat(ScimClient.withToken(server.baseUrl(), secret).get("/scim/v2/Users").status())
        .isEqualTo(200);

    open(access() + "/disable");
    assertThat(text("h1")).isEqualTo("Disable SCIM for " + school.name() + "?");
    check("disable-confirm");
  }

  @Test
  void supportReleasesARecordAfterTheConfirmationAndTheSchoolAdminEditsIt() {
    String email = Bodies.uniqueEmail("release");
    HttpResult created = scim.post("/scim/v2/Users", Bodies.staff(email));
    assertThat(created.status()).isEqualTo(201);
    String staffId = created.json().path("id").asText();
    signIn(ConsolePeople.support(server));
    open(access());

    driver().findElement(By.id("staff")).sendKeys(email);
    submit("form[action$='/release-staff'] button[type=submit]");
    assertThat(text("h1")).isEqualTo("Release Jane Doe (" + email + ")?");
    assertThat(text("main p"))
        .isEqualTo(
            "This unlocks 1 staff record: the school can edit it by hand, until the identity"
                + " provider writes it again, which locks it again.");
    check("release-confirm");
    submit("main form button[type=submit]");

    assertThat(text(".notice"))
        .isEqualTo("The staff member was released: the school can edit the record by hand.");
    assertThat(
            server
                .application()
                .services()
                .staffSection()
                .get(Caller.commandLine(), school.id(), staffId)
                .scimManaged())
        .isFalse();

    signIn(ConsolePeople.schoolAdmin(server, school.id()));
    open("/console/schools/" + school.id() + "/staff/" + staffId);
    var room = driver().findElement(By.id("room"));
    room.clear();
    room.sendKeys("B12");
    submit("section[aria-labelledby=edit-heading] button[type=submit]");
    assertThat(text(".notice")).isEqualTo("Your changes are saved.");
    assertThat(driver().findElement(By.id("room")).getAttribute("value")).isEqualTo("B12");
    assertThat(
            scim.get("/scim/v2/Users/" + staffId)
                .json()
                .path(UserSchemas.CLASSLARK_URN)
                .path("room")
                .asText())
        .isEqualTo("B12");
  }

  @Test
  void aSchoolAdminSeesAFailureWithItsDetailAndTheChart() {
    String email = Bodies.uniqueEmail("twice");
    assertThat(scim.post("/scim/v2/Users", Bodies.staff(email)).status()).isEqualTo(201);
    assertThat(scim.post("/scim/v2/Users", Bodies.staff(email)).status()).isEqualTo(409);
    server.awaitLogWritten();
    signIn(ConsolePeople.schoolAdmin(server, school.id()));

    open("/console/schools/" + school.id() + "/provisioning");

    assertThat(text("h1")).isEqualTo("Provisioning");
    assertThat(text("#failures-heading + div tbody tr td:nth-child(5)"))
        .startsWith(
            "A staff member with this email address already exists in ClassLark: give the existing"
                + " record the same external id in your identity provider, or use another email"
                + " address.\nDetail sent to your identity provider: ");
    new WebDriverWait(driver(), Duration.ofSeconds(10))
        .until(
            drawn ->
                !drawn.findElements(By.cssSelector("#chart[data-chart-drawn] canvas")).isEmpty());
    assertThat(text("#chart .u-legend")).contains("Successful").contains("Failed");
    check("provisioning");
  }
}
