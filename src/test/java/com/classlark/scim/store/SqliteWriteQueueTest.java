package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.classlark.scim.testing.Conditions;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.LocalTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
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

  /** The connection each writer's work ran on, by the writer's name. */
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();

  /** What each writer that failed caught, by the writer's name. */
  private final Map<String, Throwable> failures = new ConcurrentHashMap<>();

  private final CountDownLatch holding = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  @Test
  void aSecondWriterWaitsParkedUntilTheFirstCommits() throws Exception {
    Thread holder = holdTheLock(handle -> insertAccount(handle, "holder"));
    List<Thread> queued = queue(List.of("second"), SqliteWriteQueueTest::insertAccount);

    releaseAndJoin(holder, queued);

    assertThat(names()).containsExactlyInAnyOrder("holder", "second");
    assertThat(failures).isEmpty();
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

  @Test
  void workQueuedBehindATransactionCommitsWithTheNextLeaderInOneTransaction() throws Exception {
    Thread holder = holdTheLock(handle -> insertAccount(handle, "holder"));
    List<Thread> queued =
        queue(List.of("q1", "q2", "q3", "q4"), SqliteWriteQueueTest::insertAccount);

    releaseAndJoin(holder, queued);

    assertThat(names()).containsExactlyInAnyOrder("holder", "q1", "q2", "q3", "q4");
    // The holder's group took the work queued behind it and ran it on the holder's connection.
    assertThat(new HashSet<>(connections.values())).hasSize(1);
  }

  @Test
  void workThatFailsInAGroupIsRolledBackAloneAndItsRequestGetsItsFailure() throws Exception {
    IllegalStateException refused = new IllegalStateException("refused after writing");
    Thread holder = holdTheLock(handle -> insertAccount(handle, "holder"));
    // In this order behind the holder, whose group takes all three.
    List<Thread> queued =
        queue(
            List.of("first", "fails", "last"),
            (handle, name) -> {
              insertAccount(handle, name);
              if (name.equals("fails")) {
                throw refused;
              }
            });

    releaseAndJoin(holder, queued);

    assertThat(names()).containsExactlyInAnyOrder("holder", "first", "last");
    assertThat(failures).containsOnlyKeys("fails");
    assertThat(failures.get("fails")).isSameAs(refused);
  }

  @Test
  void aFailedCommitFailsEveryWorkOfItsGroupAndWritesNone() throws Exception {
    Thread holder =
        holdTheLock(
            handle -> {
              insertAccount(handle, "holder");
              // A token of no school, checked only at COMMIT: the commit fails.
              handle.execute("PRAGMA defer_foreign_keys = ON");
              handle.execute(
                  "INSERT INTO tokens (id, account_id, token_hash, prefix, created_at)"
                      + " VALUES ('t', 'no-such-school', 'h', 'p', 1)");
            });
    List<Thread> queued = queue(List.of("a", "b"), SqliteWriteQueueTest::insertAccount);

    releaseAndJoin(holder, queued);

    assertThat(names()).isEmpty();
    assertThat(failures).containsOnlyKeys("holder", "a", "b");
    assertThat(failures.get("a")).isSameAs(failures.get("holder"));
    assertThat(failures.get("b")).isSameAs(failures.get("holder"));
    assertThat(failures.get("holder")).rootCause().hasMessageContaining("FOREIGN KEY constraint");
    // Nothing of the failed group is left open: the next writers commit.
    for (String name : List.of("after 1", "after 2", "after 3")) {
      Transactions.useTransaction(database.jdbi(), handle -> insertAccount(handle, name));
    }
    assertThat(names()).containsExactlyInAnyOrder("after 1", "after 2", "after 3");
  }

  @Test
  void aTransactionThatOpensItsGroupIsNeverRunInAnothersGroup() throws Exception {
    Thread holder = holdTheLock(handle -> {});
    List<Thread> queued = new ArrayList<>();
    for (String name : List.of("before", "large", "after")) {
      queued.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    Runnable write = () -> write(name, SqliteWriteQueueTest::insertAccount);
                    if (name.equals("large")) {
                      SqliteWriteQueue.opensItsGroup(write);
                    } else {
                      write.run();
                    }
                  }));
      awaitParked(queued); // in this order behind the holder
    }

    releaseAndJoin(holder, queued);

    assertThat(names()).containsExactlyInAnyOrder("before", "large", "after");
    assertThat(failures).isEmpty();
    // The holder's group took "before" and stopped at "large", which led the next group.
    assertThat(connections.get("before")).isSameAs(connections.get("holder"));
    assertThat(connections.get("large")).isNotSameAs(connections.get("holder"));
    assertThat(connections.get("after")).isSameAs(connections.get("large"));
  }

  @Test
  void aTransactionThatCannotBeginFailsItsRequestAndTheLineGoesOn() {
    IllegalStateException cannotBegin = new IllegalStateException("BEGIN failed");
    TransactionHandler failing =
        new LocalTransactionHandler() {
          @Override
          public TransactionHandler specialize(org.jdbi.v3.core.Handle handle) {
            return this;
          }

          @Override
          public <R, X extends Exception> R inTransaction(
              org.jdbi.v3.core.Handle handle, HandleCallback<R, X> callback) {
            throw cannotBegin;
          }
        };
    database.jdbi().setTransactionHandler(new SqliteWriteQueue(failing));

    for (String name : List.of("first", "second")) {
      assertThatThrownBy(
              () ->
                  Transactions.useTransaction(
                      database.jdbi(), handle -> insertAccount(handle, name)))
          .isSameAs(cannotBegin);
    }
    assertThat(names()).isEmpty();
  }

  /**
   * Runs one writer's transaction on this thread: the connection its work ran on and its failure,
   * if any, are kept by its name.
   */
  private void write(String name, BiConsumer<org.jdbi.v3.core.Handle, String> work) {
    try {
      Transactions.useTransaction(
          database.jdbi(),
          handle -> {
            connections.put(name, physical(handle));
            work.accept(handle, name);
          });
    } catch (Throwable e) {
      failures.put(name, e);
    }
  }

  /**
   * A writer ("holder") that does {@code inside}, then holds SQLite's write lock until released.
   */
  private Thread holdTheLock(Consumer<org.jdbi.v3.core.Handle> inside) throws Exception {
    Thread holder =
        Thread.ofVirtual()
            .start(
                () ->
                    write(
                        "holder",
                        (handle, name) -> {
                          inside.accept(handle);
                          holding.countDown();
                          await(release);
                        }));
    assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
    return holder;
  }

  /** Writers queued behind the holder, one after the other in this order, each parked. */
  private List<Thread> queue(List<String> names, BiConsumer<org.jdbi.v3.core.Handle, String> work) {
    List<Thread> queued = new ArrayList<>();
    for (String name : names) {
      queued.add(Thread.ofVirtual().start(() -> write(name, work)));
      awaitParked(queued);
    }
    return queued;
  }

  private void releaseAndJoin(Thread holder, List<Thread> queued) throws InterruptedException {
    release.countDown();
    holder.join();
    for (Thread thread : queued) {
      thread.join();
    }
  }

  private static void awaitParked(List<Thread> threads) {
    Conditions.await(
        "the queued writers to park",
        Duration.ofSeconds(30),
        () -> threads.stream().allMatch(thread -> thread.getState() == Thread.State.WAITING));
  }

  private List<String> names() {
    return database
        .jdbi()
        .withHandle(
            handle -> handle.createQuery("SELECT name FROM accounts").mapTo(String.class).list());
  }

  private static Connection physical(org.jdbi.v3.core.Handle handle) {
    try {
      return handle.getConnection().unwrap(Connection.class);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
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
