package com.classlark.scim.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code serve}'s options of issue 12 refuse bad values before anything starts. */
class ServeOptionsTest {
  static TestDatabase database;

  @BeforeAll
  static void createDatabase() {
    database = TestDatabase.create(Engine.SQLITE);
  }

  @AfterAll
  static void dropDatabase() {
    database.close();
  }

  private static CommandLineTest.Run serve(String... options) {
    String[] args = new String[options.length + 5];
    args[0] = "serve";
    args[1] = "--db";
    args[2] = database.spec();
    args[3] = "--host";
    args[4] = "127.0.0.1";
    System.arraycopy(options, 0, args, 5, options.length);
    return CommandLineTest.run(args);
  }

  @Test
  void anUnknownLogFormatIsRefusedNamingTheChoices() {
    CommandLineTest.Run run = serve("--log-format", "xml");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("Invalid value for option '--log-format': expected text or json, got 'xml'");
  }

  @Test
  void aNegativeRateLimitIsRefusedNamingTheRange() {
    CommandLineTest.Run run = serve("--rate-limit", "-1");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err())
        .contains(
            "rate limit must be 0 (off) or a number of requests per second up to 1000000, got -1");
  }

  @Test
  void aManagementPortOutOfRangeIsRefused() {
    CommandLineTest.Run run = serve("--management-port", "70000");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("management port must be between 0 and 65535, got 70000");
  }

  @Test
  void aLongPollLimitOutOfRangeIsRefusedNamingTheRange() {
    CommandLineTest.Run none = serve("--events-max-waiting", "0");
    CommandLineTest.Run word = serve("--events-max-waiting", "many");

    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("--events-max-waiting must be between 1 and 100000, got 0");
    assertThat(word.exitCode()).isEqualTo(2);
    assertThat(word.err()).contains("Invalid value for option '--events-max-waiting'");
  }
}
