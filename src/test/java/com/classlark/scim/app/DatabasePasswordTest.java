package com.classlark.scim.app;

import static com.classlark.scim.app.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.classlark.scim.app.CommandLineTest.Run;
import com.classlark.scim.store.Database;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL password in {@code --db}, in user-info form ({@code postgres:secret@host}) or as a
 * {@code password=} parameter in any case, works and never shows: not on stdout, not on stderr, not
 * in any log line at DEBUG, whether the command succeeds or fails.
 */
class DatabasePasswordTest {
  private static final String PASSWORD = "s3cret-pw-91c2";

  /** Loggers that the configuration keeps quieter than the root, and that may quote a URL. */
  private static final List<String> LIBRARY_LOGGERS =
      List.of(
          org.slf4j.Logger.ROOT_LOGGER_NAME, "com.zaxxer.hikari", "org.flywaydb", "org.postgresql");

  private final List<String> printed = new ArrayList<>();
  private final Map<Logger, Level> levels = new HashMap<>();
  private ListAppender<ILoggingEvent> logs;

  @BeforeEach
  void captureLogsAtDebug() {
    logs = new ListAppender<>();
    logs.start();
    for (String name : LIBRARY_LOGGERS) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      levels.put(logger, logger.getLevel());
      logger.setLevel(Level.DEBUG);
    }
    root().addAppender(logs);
  }

  @AfterEach
  void restoreLogging() {
    root().detachAppender(logs);
    levels.forEach(Logger::setLevel);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private Run command(String... args) {
    return printed(run(args));
  }

  /** The run, with what it printed kept for the check that no password shows. */
  private Run printed(Run run) {
    printed.add(run.out());
    printed.add(run.err());
    return run;
  }

  /** The test server's URL with the password in user-info form, in the given schema. */
  private static String withUserInfo(TestDatabase database) {
    return database
        .spec()
        .replace("jdbc:postgresql://", "jdbc:postgresql://postgres:" + PASSWORD + "@");
  }

  @Test
  void passwordsInEveryFormWorkAndNeverShow() {
    try (TestDatabase database = TestDatabase.create(Engine.POSTGRES)) {
      String userInfo = withUserInfo(database);
      String parameter = database.spec() + "&PassWord=" + PASSWORD;

      Run serveBeforeMigrate = printed(CommandLineTest.serveThatMustRefuse("--db", userInfo));
      Run migrate = command("migrate", "--db", userInfo);
      Run create = command("accounts", "create", "--name", "Masked School", "--db", parameter);
      Run list = command("accounts", "list", "--db", userInfo);
      Run unreachable =
          command(
              "accounts",
              "list",
              "--db",
              "jdbc:postgresql://postgres:" + PASSWORD + "@127.0.0.1:1/x");
      Run unsupported =
          command("accounts", "list", "--db", "jdbc:mysql://root:" + PASSWORD + "@h/x");

      assertThat(serveBeforeMigrate.exitCode()).isEqualTo(1);
      assertThat(serveBeforeMigrate.err()).contains("postgres:***@127.0.0.1");
      assertThat(migrate.exitCode()).isZero();
      assertThat(migrate.out())
          .startsWith(
              "Applied "
                  + Database.LATEST_MIGRATION
                  + " migration(s) to jdbc:postgresql://postgres:***@");
      assertThat(create.exitCode()).isZero();
      assertThat(list.exitCode()).isZero();
      assertThat(list.out()).contains("Masked School");
      assertThat(unreachable.exitCode()).isEqualTo(1);
      assertThat(unreachable.err())
          .startsWith("error: cannot open database jdbc:postgresql://postgres:***@127.0.0.1:1/x: ");
      assertThat(unsupported.exitCode()).isEqualTo(2);
      assertThat(unsupported.err())
          .startsWith("error: --db jdbc:mysql://root:***@h/x is not supported");

      assertThat(logs.list).isNotEmpty();
      for (ILoggingEvent event : logs.list) {
        printed.add(event.getFormattedMessage());
        if (event.getThrowableProxy() != null) {
          printed.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
      }
      assertThat(printed).noneMatch(text -> text.contains(PASSWORD));
    }
  }
}
