package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.app.Services;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.Conditions;
import com.classlark.scim.testing.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SQLite's write-ahead log is checkpointed by the pool's upkeep thread, never by a writer's commit,
 * which would make every other writer of the process wait for the copy and its syncs.
 */
class SqliteCheckpointTest {
  private MigratedDatabase migrated;
  private Database database;

  @BeforeEach
  void open() {
    migrated = MigratedDatabase.create(Engine.SQLITE);
    database = migrated.database();
  }

  @AfterEach
  void close() {
    migrated.close();
  }

  @Test
  void commitsNeverCheckpoint() {
    int pages =
        database
            .jdbi()
            .withHandle(
                handle ->
                    handle.createQuery("PRAGMA wal_autocheckpoint").mapTo(Integer.class).one());
    assertThat(pages).isZero();
  }

  @Test
  void theUpkeepThreadCopiesCommittedPagesIntoTheDatabaseFile() {
    Path file = database.target().sqliteFile();
    long before = size(file);
    // About 2 MiB of rows in 50 commits: pages the database file does not have yet.
    String name = "x".repeat(400);
    for (int commit = 0; commit < 50; commit++) {
      Transactions.useTransaction(
          database.jdbi(),
          handle -> {
            var batch =
                handle.prepareBatch(
                    "INSERT INTO accounts (id, name, created_at) VALUES (:id, :name, :created)");
            for (int row = 0; row < 100; row++) {
              batch
                  .bind("id", UUID.randomUUID().toString())
                  .bind("name", name)
                  .bind("created", 1L)
                  .add();
            }
            batch.execute();
          });
    }

    // With no commit checkpointing, only the upkeep thread can grow the database file.
    Conditions.await(
        "the database file to receive the committed pages",
        Duration.ofSeconds(60),
        () -> size(file) > before + 1024 * 1024);
  }

  /**
   * The statements the hottest lookups keep per connection ({@link PreparedLookup}) are reset after
   * each use: one left open would hold its read snapshot, and no checkpoint could copy the pages
   * committed after it.
   */
  @Test
  void aKeptLookupStatementHoldsNoSnapshot() {
    Services services = Services.over(database, Clock.systemUTC());
    String school = services.accounts().create("Checkpoint School").id();
    String id =
        services
            .staff()
            .create(school, Bodies.parse(Bodies.staff(Bodies.uniqueEmail("kept"))))
            .resource()
            .id();
    // Every pooled connection gets the kept statement and uses it.
    for (int i = 0; i < 50; i++) {
      assertThat(services.staff().getDocument(school, id).version()).isEqualTo(1);
    }
    theUpkeepThreadCopiesCommittedPagesIntoTheDatabaseFile();
  }

  /**
   * Under load some reader always reads from the write-ahead log, and a passive checkpoint never
   * lets the log start over, so it only grew: past its limit, the checkpoint makes it start over
   * while readers overlap.
   *
   * <p>The test's checkpoints are the only ones: the upkeep's, every 100 ms, took SQLite's
   * checkpoint lock from them at times, and the log grew while they could not run (CI, 2026-12-02).
   * A restart also waits longer for the readers to move on than the service's 20 ms, after which
   * the service retries at its next checkpoint: here the writes go on meanwhile.
   */
  @Test
  void theLogStartsOverPastItsLimitWhileReadersOverlap() throws Exception {
    database.stopUpkeep();
    database.restartLogAbove(100, Duration.ofSeconds(10));
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong begun = new AtomicLong();
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      readers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try (Handle handle = database.jdbi().open()) {
                      readInTurns(handle, writing, begun);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }));
    }
    String name = "x".repeat(2000);
    int commits = 3000;
    try {
      for (int commit = 1; commit <= commits; commit++) {
        database
            .jdbi()
            .useHandle(
                handle ->
                    handle.execute(
                        "INSERT INTO accounts (id, name, created_at) VALUES (?, ?, 1)",
                        UUID.randomUUID().toString(),
                        name));
        if (commit % 100 == 0) {
          database.checkpoint();
        }
      }
    } finally {
      writing.set(false);
      synchronized (begun) {
        begun.notifyAll();
      }
      for (Thread reader : readers) {
        reader.join();
      }
    }
    // Each commit appended at least two pages to the log (the row's and its key's, 4 KiB and a
    // frame header each): 24 MiB that a log never started over would hold. Started over every 100
    // commits or so, the file grows to a few hundred pages.
    assertThat(begun.get()).isGreaterThan(2);
    assertThat(size(Path.of(database.target().sqliteFile() + "-wal")))
        .isLessThan(commits * 2 * 4120L / 2);
  }

  /** Read transactions, each held until the other reader has begun a newer one, while writing. */
  private static void readInTurns(Handle handle, AtomicBoolean writing, AtomicLong begun)
      throws InterruptedException {
    while (writing.get()) {
      handle.execute("BEGIN DEFERRED");
      handle.createQuery("SELECT COUNT(*) FROM accounts").mapTo(Long.class).one();
      // The snapshot is held until the other reader has taken a newer one: at
      // every moment one of the two reads from the log.
      synchronized (begun) {
        long mine = begun.incrementAndGet();
        begun.notifyAll();
        while (writing.get() && begun.get() == mine) {
          begun.wait();
        }
      }
      handle.execute("COMMIT");
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
