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

  @ParameterizedTest
  @EnumSource(Engine.class)
  void entriesArrivingDuringTheLingerJoinTheBatchAndAWholeBatchIsWrittenWithoutWaitingOut(
      Engine engine) {
    try (LogFixture fixture = new LogFixture(engine)) {
      RecordingStore store = new RecordingStore(fixture.store);
      // A linger far longer than the wait below: the batch is written because it is whole.
      try (ProvisioningLogWriter writer =
          ProvisioningLogWriter.start(store, 10_000, Duration.ofMinutes(10))) {
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < ProvisioningLogWriter.BATCH_SIZE + 3; i++) {
          LogEntry entry = fixture.entry(AT.plusMillis(i));
          assertThat(writer.submit(entry)).isTrue();
          submitted.add(0, entry.id());
          if (i == 0) {
            // The writer takes the first entry alone and lingers; the others arrive meanwhile.
            Conditions.await(
                "the writer to take the first entry",
                Duration.ofSeconds(30),
                () -> writer.queued() == 0);
          }
        }

        Conditions.await(
            "a whole batch to be written",
            Duration.ofSeconds(30),
            () -> writer.pending() <= 3 && !store.batches.isEmpty());

        assertThat(store.batches).containsExactly(ProvisioningLogWriter.BATCH_SIZE);
        assertThat(fixture.storedIds())
            .containsExactlyElementsOf(submitted.subList(3, submitted.size()));
        // The three left over wait out the linger, or the close: closing ends the wait.
        assertThat(writer.close(Duration.ofSeconds(30))).isTrue();
        assertThat(store.batches).containsExactly(ProvisioningLogWriter.BATCH_SIZE, 3);
        assertThat(fixture.storedIds()).containsExactlyElementsOf(submitted);
      }
    }
  }

  /** The real store, recording the size of each batch the writer inserts. */
  private static final class RecordingStore implements ProvisioningLogStore {
    final List<Integer> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ProvisioningLogStore store;

    RecordingStore(ProvisioningLogStore store) {
      this.store = store;
    }

    @Override
    public void insert(List<LogEntry> entries) {
      store.insert(entries);
      batches.add(entries.size());
    }

    @Override
    public List<LogEntry> page(
        String accountId,
        LogOutcome outcome,
        String resourceId,
        Instant beforeAt,
        String beforeId,
        int limit) {
      return store.page(accountId, outcome, resourceId, beforeAt, beforeId, limit);
    }

    @Override
    public LogSummary summary(String accountId, Instant since, int top) {
      return store.summary(accountId, since, top);
    }

    @Override
    public List<LogHour> hourly(String accountId, Instant from, Instant until) {
      return store.hourly(accountId, from, until);
    }

    @Override
    public java.util.Map<String, Long> failuresSince(
        java.util.Collection<String> accountIds, Instant since) {
      return store.failuresSince(accountIds, since);
    }

    @Override
    public int deleteOlderThan(Instant cutoff, int batch) {
      return store.deleteOlderThan(cutoff, batch);
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
