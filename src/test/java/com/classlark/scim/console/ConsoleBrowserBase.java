package com.classlark.scim.console;

import com.classlark.scim.testing.Browser;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.ServerPerEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * What every console browser test class shares: one headless browser per class, on the server of
 * each engine, with the steps the flows are written in (open, sign in, click and wait, read,
 * check).
 */
abstract class ConsoleBrowserBase extends ServerPerEngine {
  protected static Browser browser;

  @BeforeAll
  static void startBrowser() {
    browser = Browser.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  protected static WebDriver driver() {
    return browser.driver();
  }

  protected void open(String path) {
    driver().get(server.baseUrl() + path);
  }

  /** Screenshots once (SQLite), accessibility on both engines. */
  protected void check(String page) {
    if (engine == Engine.SQLITE) {
      browser.checkPage(page);
    } else {
      browser.assertAccessible(page);
    }
  }

  protected static String text(String css) {
    return browser.text(css);
  }

  /** Clicks the button and waits for the page it leads to. */
  protected static void submit(String buttonCss) {
    browser.clickAndWait(buttonCss);
  }

  protected void signIn(String email, String password) {
    browser.openAsNewVisitor(server.baseUrl() + "/console/sign-in");
    driver().findElement(By.id("email")).sendKeys(email);
    driver().findElement(By.id("password")).sendKeys(password);
    submit("main button[type=submit]");
  }
}
