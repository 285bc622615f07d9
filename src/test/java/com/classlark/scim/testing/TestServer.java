package com.classlark.scim.testing;

import com.classlark.scim.app.AppConfig;
import com.classlark.scim.app.Application;
import com.classlark.scim.directory.Account;
import com.classlark.scim.scim.BulkSettings;
import com.classlark.scim.scim.QuerySettings;
import com.classlark.scim.web.HttpSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * The real service on a random port over a fresh database of one engine, with one school and its
 * token. One per test class; close it in {@code @AfterAll}.
 */
public final class TestServer implements AutoCloseable {
  private final TestDatabase database;
  private final Application application;
  private final MutableClock clock;
  private final Account school;
  private final String token;
  private final AppConfig config;

  private TestServer(
      TestDatabase database,
      Application application,
      MutableClock clock,
      Account school,
      String token,
      AppConfig config) {
    this.config = config;
    this.database = database;
    this.application = application;
    this.clock = clock;
    this.school = school;
    this.token = token;
  }

  public static TestServer start(Engine engine) {
    return start(
        engine, new HttpSettings("127.0.0.1", 0, HttpSettings.DEFAULT_MAX_BODY_BYTES, null));
  }

  /**
   * A server with the given HTTP settings and the default bulk limits, reduced to fit the body
   * limit.
   */
  public static TestServer start(Engine engine, HttpSettings http) {
    return start(
        engine,
        http,
        new BulkSettings(
            BulkSettings.DEFAULT_MAX_OPERATIONS,
            (int) Math.min(BulkSettings.DEFAULT_MAX_PAYLOAD_BYTES, http.maxBodyBytes())));
  }

  public static TestServer start(Engine engine, HttpSettings http, BulkSettings bulk) {
    return start(engine, http, bulk, UnaryOperator.identity());
  }

  /**
   * A server with the default settings changed by {@code configure}, e.g. {@code config ->
   * config.withFairness(…)}.
   */
  public static TestServer start(Engine engine, UnaryOperator<AppConfig> configure) {
    return start(
        engine,
        new HttpSettings("127.0.0.1", 0, HttpSettings.DEFAULT_MAX_BODY_BYTES, null),
        BulkSettings.DEFAULT,
        configure);
  }

  private static TestServer start(
      Engine engine, HttpSettings http, BulkSettings bulk, UnaryOperator<AppConfig> configure) {
    TestDatabase database = TestDatabase.create(engine);
    MutableClock clock = new MutableClock(Instant.now());
    Application application;
    AppConfig config =
        configure.apply(new AppConfig(database.target(), http, QuerySettings.DEFAULT, bulk, true));
    try {
      application = Application.start(config, clock);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    Account school = application.services().accounts().create("Test School " + engine);
    String token = application.services().tokens().issue(school.id(), "test", null).secret();
    return new TestServer(database, application, clock, school, token, config);
  }

  /**
   * The service stopped and started again over the same database, clock, school and token, as a
   * restart of the process: this server's application is closed, its database kept for the new one.
   */
  public TestServer restarted() {
    application.close();
    return new TestServer(database, Application.start(config, clock), clock, school, token, config);
  }

  /**
   * Another node of the service over the same database, with the same settings and clock, as
   * several nodes behind a load balancer; the caller closes it.
   */
  public Application anotherNode() {
    return Application.start(config, clock);
  }

  public Application application() {
    return application;
  }

  /**
   * Waits until the provisioning log holds every entry of the requests answered so far (the log is
   * written off the request path).
   */
  public void awaitLogWritten() {
    Conditions.await(
        "the provisioning log's queue to be written",
        Duration.ofSeconds(30),
        () -> application.provisioningLogWriter().pending() == 0);
  }

  public MutableClock clock() {
    return clock;
  }

  public Account school() {
    return school;
  }

  public String token() {
    return token;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + application.port();
  }

  /** A client authenticated as the test school. */
  public ScimClient client() {
    return ScimClient.withToken(baseUrl(), token);
  }

  /** A client for a new school with its own token. */
  public ScimClient clientForNewSchool(String name) {
    Account other = application.services().accounts().create(name);
    return ScimClient.withToken(
        baseUrl(), application.services().tokens().issue(other.id(), "test", null).secret());
  }

  @Override
  public void close() {
    try {
      application.close();
    } finally {
      database.close();
    }
  }
}
