package com.classlark.scim.directory.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.store.Database;
import com.classlark.scim.store.Dialect;
import com.classlark.scim.testing.Engine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL the log's batches are inserted by a statement prepared on the server, so that
 * PostgreSQL parses and analyses the insert once per connection rather than once per entry.
 */
class LogBatchPreparedTest {
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

  @Test
  void theConnectionThatWroteTheFirstBatchHasItsInsertPrepared() {
    try (LogFixture fixture = new LogFixture(Engine.POSTGRES)) {
      fixture.store.insert(List.of(fixture.entry(NOW), fixture.entry(NOW.plusSeconds(1))));

      // Every connection of the pool at once: the one that wrote the batch is among them.
      List<Handle> pool = new ArrayList<>();
      try {
        int prepared = 0;
        for (int i = 0; i < Database.maximumPoolSize(Dialect.POSTGRESQL); i++) {
          Handle handle = fixture.database.jdbi().open();
          pool.add(handle);
          prepared +=
              handle
                  .createQuery(
                      "SELECT COUNT(*) FROM pg_prepared_statements"
                          + " WHERE statement LIKE 'INSERT INTO provisioning_log %'")
                  .mapTo(Integer.class)
                  .one();
        }
        assertThat(prepared).isEqualTo(1);
      } finally {
        pool.forEach(Handle::close);
      }
      assertThat(fixture.storedIds()).hasSize(2);
    }
  }
}
