package com.classlark.scim.testing;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through chromium-driver, one per test class. Outside CI, a
 * machine without them skips the browser tests with a message saying what to install; in CI ({@code
 * CI=true}) their absence fails the tests, so that they never silently do not run.
 */
public final class Browser implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  private static final Dimension DESKTOP = new Dimension(1280, 900);
  private static final Dimension PHONE = new Dimension(390, 844);
  private static final Set<String> BLOCKING_IMPACTS = Set.of("serious", "critical");

  private final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  /** Starts a headless browser, or skips (outside CI) when there is none. */
  public static Browser start() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present) {
      String message =
          "no "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + ": install them with 'apt-get install -y chromium chromium-driver' (.ci/run does)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail("the console's browser tests must run in CI, but there is " + message);
      }
      Assumptions.abort("browser tests skipped: " + message);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return new Browser(driver);
  }

  public WebDriver driver() {
    return driver;
  }

  /** Opens the URL after forgetting every cookie, as a new visitor. */
  public void openAsNewVisitor(String url) {
    driver.get(url);
    driver.manage().deleteAllCookies();
    driver.get(url);
  }

  /**
   * The text of the first element the selector finds, once the page shows it: a page that is still
   * replacing the last one answers with a stale or detached node, so the read is retried until the
   * new page is there.
   */
  public String text(String css) {
    return new WebDriverWait(driver, Duration.ofSeconds(10))
        .ignoring(WebDriverException.class)
        .until(found -> found.findElement(By.cssSelector(css)).getText());
  }

  /** Clicks the element (a button or a link) and waits for the page it leads to. */
  public void clickAndWait(String css) {
    WebElement element = driver.findElement(By.cssSelector(css));
    element.click();
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
    // Gone from the page: stale, or (Chromium's other answer for the same) detached.
    wait.until(
        gone -> {
          try {
            element.isEnabled();
            return false;
          } catch (WebDriverException detached) {
            return true;
          }
        });
    wait.until(
        loaded ->
            "complete"
                .equals(((JavascriptExecutor) loaded).executeScript("return document.readyState")));
  }

  /**
   * Checks the page with axe-core (WCAG 2.1 A and AA) and fails on any serious or critical
   * violation, naming each with the elements it found.
   */
  public void assertAccessible(String page) {
    Results results =
        new AxeBuilder()
            .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
            .analyze(driver);
    if (results.isErrored()) {
      Assertions.fail("axe-core could not check " + page + ": " + results.getErrorMessage());
    }
    List<Rule> blocking =
        results.getViolations().stream()
            .filter(rule -> BLOCKING_IMPACTS.contains(rule.getImpact()))
            .toList();
    if (!blocking.isEmpty()) {
      Assertions.fail(
          page
              + " has accessibility violations:\n"
              + blocking.stream()
                  .map(
                      rule ->
                          "- "
                              + rule.getId()
                              + " ("
                              + rule.getImpact()
                              + "): "
                              + rule.getHelp()
                              + " at "
                              + rule.getNodes().stream()
                                  .map(node -> String.valueOf(node.getTarget()))
                                  .collect(Collectors.joining(", ")))
                  .collect(Collectors.joining("\n")));
    }
  }

  /**
   * Writes the page as it looks at desktop and at phone width to {@code
   * target/console-screenshots/NAME-desktop.png} and {@code NAME-phone.png}.
   */
  public void screenshots(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      for (var size : List.of(DESKTOP, PHONE)) {
        driver.manage().window().setSize(size);
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.move(
            shot,
            SCREENSHOTS.resolve(name + "-" + (size == DESKTOP ? "desktop" : "phone") + ".png"),
            StandardCopyOption.REPLACE_EXISTING);
      }
      driver.manage().window().setSize(DESKTOP);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The accessibility check and the screenshots of the page the browser shows. */
  public void checkPage(String name) {
    assertAccessible(name);
    screenshots(name);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
