package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Conditions;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SQLite's transactions wait for each other in Java, parked, not inside SQLite's busy handler,
 * where a virtual thread stays mounted on its carrier: a few waiting writers would otherwise stop
 * every other request of the process.
 */
class SqliteWriteQueueTest {
  private TestDatabase testDatabase;
  private Database database;

  @BeforeEach
  void open() {
    testDatabase = TestDatabase.create(Engine.SQLITE);
    database = Database.open(testDatabase.target());
    database.migrate();
  }

  @AfterEach
  void close() {
    database.close();
    testDatabase.close();
  }

  @Test
  void aSecondWriterWaitsParkedUntilTheFirstCommits() throws Exception {
    CountDownLatch firstInside = new CountDownLatch(1);
    CountDownLatch letFirstCommit = new CountDownLatch(1);
    Thread first =
        Thread.ofVirtual()
            .start(
                () ->
                    Transactions.useTransaction(
                        database.jdbi(),
                        handle -> {
                          insertAccount(handle, "first");
                          firstInside.countDown();
                          await(letFirstCommit);
                        }));
    assertThat(firstInside.await(30, TimeUnit.SECONDS)).isTrue();
    Thread second =
        Thread.ofVirtual()
            .start(
                () ->
                    Transactions.useTransaction(
                        database.jdbi(), handle -> insertAccount(handle, "second")));

    Conditions.await(
        "the second writer to park",
        Duration.ofSeconds(30),
        () -> second.getState() == Thread.State.WAITING);
    letFirstCommit.countDown();
    first.join();
    second.join();

    int written =
        database
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery("SELECT COUNT(*) FROM accounts WHERE name IN (?, ?)")
                        .bind(0, "first")
                        .bind(1, "second")
                        .mapTo(Integer.class)
                        .one());
    assertThat(written).isEqualTo(2);
  }

  @Test
  void aTransactionInsideATransactionDoesNotWaitForItself() {
    int count =
        Transactions.inTransaction(
            database.jdbi(),
            outer ->
                outer.inTransaction(
                    inner -> {
                      insertAccount(inner, "nested");
                      return inner
                          .createQuery("SELECT COUNT(*) FROM accounts WHERE name = 'nested'")
                          .mapTo(Integer.class)
                          .one();
                    }));

    assertThat(count).isEqualTo(1);
  }

  private static void insertAccount(org.jdbi.v3.core.Handle handle, String name) {
    handle
        .createUpdate("INSERT INTO accounts (id, name, created_at) VALUES (:id, :name, :created)")
        .bind("id", java.util.UUID.randomUUID().toString())
        .bind("name", name)
        .bind("created", System.currentTimeMillis())
        .execute();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
