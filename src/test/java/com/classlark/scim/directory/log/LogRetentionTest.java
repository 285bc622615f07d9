package com.classlark.scim.directory.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Retention deletes only entries older than the retention, in batches, on both engines. */
class LogRetentionTest {
  private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

  @ParameterizedTest
  @EnumSource(Engine.class)
  void deletesOnlyEntriesOlderThanTheRetentionInBatches(Engine engine) {
    try (LogFixture fixture = new LogFixture(engine)) {
      List<LogEntry> old = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        old.add(fixture.entry(NOW.minus(Duration.ofDays(31)).minusSeconds(i)));
      }
      LogEntry justInside = fixture.entry(NOW.minus(Duration.ofDays(30)));
      LogEntry recent = fixture.entry(NOW.minus(Duration.ofDays(1)));
      List<LogEntry> all = new ArrayList<>(old);
      all.add(justInside);
      all.add(recent);
      fixture.store.insert(all);

      int firstBatch = fixture.store.deleteOlderThan(NOW.minus(Duration.ofDays(30)), 2);
      long purged =
          new LogRetention(fixture.store, Duration.ofDays(30), new MutableClock(NOW), 2).purge();

      assertThat(firstBatch).isEqualTo(2);
      assertThat(purged).isEqualTo(3);
      assertThat(fixture.storedIds()).containsExactly(recent.id(), justInside.id());
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void twoNodesPurgingAtOnceDeleteEachEntryOnce(Engine engine) throws Exception {
    try (LogFixture fixture = new LogFixture(engine)) {
      List<LogEntry> old = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        old.add(fixture.entry(NOW.minus(Duration.ofDays(40)).minusSeconds(i)));
      }
      fixture.store.insert(old);
      LogRetention node =
          new LogRetention(fixture.store, Duration.ofDays(30), new MutableClock(NOW), 3);
      LogRetention other =
          new LogRetention(fixture.store, Duration.ofDays(30), new MutableClock(NOW), 3);

      long[] deleted = new long[2];
      Thread second = Thread.ofPlatform().start(() -> deleted[1] = other.purge());
      deleted[0] = node.purge();
      second.join();

      assertThat(deleted[0] + deleted[1]).isEqualTo(40);
      assertThat(fixture.storedIds()).isEmpty();
    }
  }
}
