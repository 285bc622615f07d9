package com.classlark.scim.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.Account;
import com.classlark.scim.directory.console.ConsoleRole;
import com.classlark.scim.directory.console.PasswordLink;
import com.classlark.scim.testing.ConsolePeople;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (headless Chromium), on both engines: setting a password from a
 * link and signing in, a wrong password, a link used twice, a form without its token, signing out,
 * what a school admin may see, and search as you type. Every page is checked with axe-core and
 * photographed at desktop and phone width (target/console-screenshots).
 */
class ConsoleBrowserTest extends ConsoleBrowserBase {

  private static void setPassword(String password, String confirmation) {
    driver().findElement(By.id("password")).sendKeys(password);
    driver().findElement(By.id("confirmation")).sendKeys(confirmation);
    submit("main button[type=submit]");
  }

  @Test
  void setAPasswordFromTheLinkThenSignInAndSeeTheSchools() {
    PasswordLink link = ConsolePeople.invited(server, ConsoleRole.SUPPORT, null);
    browser.openAsNewVisitor(server.baseUrl() + "/console/set-password/" + link.secret());
    assertThat(text("h1")).isEqualTo("Set your password");
    check("set-password");

    setPassword("short", "short");
    assertThat(text(".problem li"))
        .isEqualTo("The password is too short: use at least 12 characters (it has 5).");
    check("set-password-refused");

    setPassword("a fine long password", "a fine long password");
    assertThat(driver().getCurrentUrl()).endsWith("/console/sign-in?notice=password-set");
    assertThat(text(".notice")).isEqualTo("Your password is set. Sign in with it now.");
    check("sign-in");

    driver().findElement(By.id("email")).sendKeys(link.user().email());
    driver().findElement(By.id("password")).sendKeys("a fine long password");
    submit("main button[type=submit]");
    assertThat(driver().getCurrentUrl()).endsWith("/console/schools");
    assertThat(text("h1")).isEqualTo("Schools");
    assertThat(text(".who")).startsWith(link.user().email());
    check("schools");

    open("/console/set-password/" + link.secret());
    assertThat(text("h1")).isEqualTo("This link does not work");
    assertThat(text("main p"))
        .isEqualTo(
            "This link has already been used: each link works once. Sign in with the password you"
                + " set, or ask ClassLark support for a new link.");
    check("link-used");
  }

  @Test
  void aWrongPasswordSaysSoAndDoesNotSignIn() {
    signIn(ConsolePeople.support(server), "not the password");

    assertThat(text(".problem"))
        .isEqualTo("The email address or the password is not right. Check both and try again.");
    assertThat(driver().findElement(By.id("password")).getAttribute("value")).isEmpty();
    check("sign-in-refused");
    open("/console/schools");
    assertThat(driver().getCurrentUrl()).endsWith("/console/sign-in");
  }

  @Test
  void aSchoolAdminSeesTheirSchoolAndNoOther() {
    Account other = server.application().services().accounts().create("Elsewhere High");
    signIn(ConsolePeople.schoolAdmin(server, server.school().id()), ConsolePeople.PASSWORD);

    assertThat(driver().getCurrentUrl()).endsWith("/console/schools/" + server.school().id());
    assertThat(text("h1")).isEqualTo(server.school().name());
    assertThat(text(".facts .status")).isEqualTo("Enabled");
    check("school");

    open("/console/schools/" + other.id());
    assertThat(text("h1")).isEqualTo("Page not found");
    check("not-found");

    open("/console/schools");
    assertThat(text("h1")).isEqualTo("This page is for ClassLark support");
    check("support-only");
  }

  @Test
  void aFormWithoutItsTokenIsRefusedAndChangesNothing() {
    signIn(ConsolePeople.support(server), ConsolePeople.PASSWORD);
    assertThat(text("h1")).isEqualTo("Schools");

    ((org.openqa.selenium.JavascriptExecutor) driver())
        .executeScript("document.querySelector('header form input[name=csrf]').remove()");
    submit("header form button");

    assertThat(text("h1")).isEqualTo("This form has expired");
    check("form-expired");
    open("/console/schools");
    assertThat(text("h1")).isEqualTo("Schools");
  }

  @Test
  void signOutEndsTheSession() {
    signIn(ConsolePeople.support(server), ConsolePeople.PASSWORD);

    submit("header form button");

    assertThat(driver().getCurrentUrl()).endsWith("/console/sign-in?notice=signed-out");
    assertThat(text(".notice")).isEqualTo("You are signed out.");
    open("/console/schools");
    assertThat(driver().getCurrentUrl()).endsWith("/console/sign-in");
  }

  @Test
  void searchAsYouTypeNarrowsTheSchools() {
    server.application().services().accounts().create("Searchable Grammar School");
    signIn(ConsolePeople.support(server), ConsolePeople.PASSWORD);

    driver().findElement(By.id("q")).sendKeys("searchable gram");

    new WebDriverWait(driver(), Duration.ofSeconds(10))
        .until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#school-list tbody tr"), 1));
    assertThat(text("#school-list tbody tr td a")).isEqualTo("Searchable Grammar School");
    assertThat(driver().getCurrentUrl()).endsWith("/console/schools?q=searchable%20gram");
    check("schools-search");
  }
}
