package com.classlark.scim.directory.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Engine;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The loss modes of the asynchronous writer, as its Javadoc documents them, on both engines. */
class ProvisioningLogWriterTest {
  private static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");

  @ParameterizedTest
  @EnumSource(Engine.class)
  void fullQueueDropsAndCountsWithoutWaitingAndCloseWritesTheQueued(Engine engine) {
    try (LogFixture fixture = new LogFixture(engine)) {
      ProvisioningLogWriter writer = ProvisioningLogWriter.unstarted(fixture.store, 2);
      LogEntry first = fixture.entry(AT);
      LogEntry second = fixture.entry(AT.plusMillis(1));

      boolean firstTaken = writer.submit(first);
      boolean secondTaken = writer.submit(second);
      boolean thirdTaken = writer.submit(fixture.entry(AT.plusMillis(2)));

      assertThat(firstTaken).isTrue();
      assertThat(secondTaken).isTrue();
      assertThat(thirdTaken).isFalse();
      assertThat(writer.dropped()).isEqualTo(1);
      writer.startWriting();
      assertThat(writer.close(Duration.ofSeconds(30))).isTrue();
      assertThat(fixture.storedIds()).containsExactly(second.id(), first.id());
      assertThat(writer.submit(fixture.entry(AT))).isFalse();
      assertThat(writer.dropped()).isEqualTo(2);
      assertThat(writer.failed()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aCrashLosesTheQueuedEntriesOnly(Engine engine) {
    try (LogFixture fixture = new LogFixture(engine)) {
      ProvisioningLogWriter running = ProvisioningLogWriter.start(fixture.store, 10);
      LogEntry written = fixture.entry(AT);
      running.submit(written);
      assertThat(running.awaitWritten(Duration.ofSeconds(30))).isTrue();
      ProvisioningLogWriter crashed = ProvisioningLogWriter.unstarted(fixture.store, 10);

      crashed.submit(fixture.entry(AT.plusMillis(1)));
      // The process dies here: the crashed writer's thread never drains its queue.

      assertThat(fixture.storedIds()).containsExactly(written.id());
      running.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aBatchTheDatabaseRefusesIsCountedAndTheWriterGoesOn(Engine engine) {
    try (LogFixture fixture = new LogFixture(engine)) {
      ProvisioningLogWriter writer = ProvisioningLogWriter.unstarted(fixture.store, 10);
      LogEntry duplicate = fixture.entry(AT);
      writer.submit(duplicate);
      writer.submit(duplicate);
      writer.startWriting();
      assertThat(writer.awaitWritten(Duration.ofSeconds(30))).isTrue();
      LogEntry later = fixture.entry(AT.plusMillis(5));

      writer.submit(later);

      assertThat(writer.close(Duration.ofSeconds(30))).isTrue();
      assertThat(writer.failed()).isEqualTo(2);
      assertThat(fixture.storedIds()).containsExactly(later.id());
    }
  }
}
