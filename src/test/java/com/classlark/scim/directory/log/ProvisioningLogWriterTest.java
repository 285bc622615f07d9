package com.classlark.scim.directory.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Conditions;
import com.classlark.scim.testing.Engine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The loss modes of the asynchronous writer, as its Javadoc documents them, on both engines. The
 * writer is held up the way production holds it up: another connection keeps the log table locked,
 * so the writer's insert waits while requests go on handing it entries.
 */
class ProvisioningLogWriterTest {
  private static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");
  private static final int CAPACITY = 2;

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aFullQueueDropsAndCountsWithoutWaitingAndCloseWritesWhatItTook(Engine engine)
      throws SQLException {
    try (LogFixture fixture = new LogFixture(engine);
        ProvisioningLogWriter writer = ProvisioningLogWriter.start(fixture.store, CAPACITY)) {
      List<String> taken = new ArrayList<>();
      try (Connection lock = lockLogTable(fixture)) {
        // The writer's thread takes the first entries into a batch and waits for the lock; the
        // queue then fills, and the next entry finds it full: submit returns at once, dropping it.
        for (int i = 0; writer.dropped() == 0 && i < 1_000; i++) {
          LogEntry entry = fixture.entry(AT.plusMillis(i));
          if (writer.submit(entry)) {
            taken.add(0, entry.id());
          }
        }
        assertThat(writer.dropped()).isEqualTo(1);
        assertThat(taken).hasSizeBetween(CAPACITY, CAPACITY + ProvisioningLogWriter.BATCH_SIZE);
        assertThat(writer.pending()).isEqualTo(taken.size());
        assertThat(fixture.storedIds()).isEmpty();
      }

      assertThat(writer.close(Duration.ofSeconds(30))).isTrue();

      assertThat(fixture.storedIds()).containsExactlyElementsOf(taken);
      assertThat(writer.pending()).isZero();
      assertThat(writer.submit(fixture.entry(AT))).isFalse();
      assertThat(writer.dropped()).isEqualTo(2);
      assertThat(writer.failed()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aBatchTheDatabaseRefusesIsCountedAndTheWriterGoesOn(Engine engine) {
    try (LogFixture fixture = new LogFixture(engine);
        ProvisioningLogWriter writer = ProvisioningLogWriter.start(fixture.store, 10)) {
      // A school deleted while its entries were queued: the foreign key refuses the batch.
      writer.submit(fixture.entry(AT, UUID.randomUUID().toString()));
      Conditions.await(
          "the refused batch to be counted", Duration.ofSeconds(30), () -> writer.pending() == 0);
      LogEntry later = fixture.entry(AT.plusMillis(5));

      writer.submit(later);

      assertThat(writer.close(Duration.ofSeconds(30))).isTrue();
      assertThat(writer.failed()).isEqualTo(1);
      assertThat(writer.dropped()).isZero();
      assertThat(fixture.storedIds()).containsExactly(later.id());
    }
  }

  /** Another connection's transaction that keeps the writer's inserts waiting until it ends. */
  private static Connection lockLogTable(LogFixture fixture) throws SQLException {
    Connection connection = DriverManager.getConnection(fixture.testDatabase.target().jdbcUrl());
    try (Statement statement = connection.createStatement()) {
      if (fixture.testDatabase.engine() == Engine.SQLITE) {
        connection.setAutoCommit(true);
        statement.execute("BEGIN IMMEDIATE");
      } else {
        connection.setAutoCommit(false);
        statement.execute("LOCK TABLE provisioning_log IN EXCLUSIVE MODE");
      }
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }
}
