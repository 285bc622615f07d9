package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.classlark.scim.directory.UnknownMembersException;
import com.classlark.scim.protocol.patch.MembershipChange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Changes that wait for a busy group are applied together by the next request to get it, each with
 * its own outcome; changes to other groups and sequential changes are never combined.
 */
class GroupChangeBatchesTest {
  private static final Instant AT = Instant.parse("2026-11-30T12:00:00Z");

  private static List<MembershipChange> add(String member) {
    return List.of(new MembershipChange.AddMembers(List.of(member)));
  }

  private static String member(GroupChangeBatches.Waiting waiting) {
    return ((MembershipChange.AddMembers) waiting.changes.get(0)).ids().get(0);
  }

  @Test
  void changesWaitingForABusyGroupAreAppliedTogetherEachWithItsOutcome() throws Exception {
    GroupChangeBatches batches = new GroupChangeBatches();
    List<List<String>> applied = new CopyOnWriteArrayList<>();
    CountDownLatch firstRunning = new CountDownLatch(1);
    CountDownLatch othersWaiting = new CountDownLatch(1);
    GroupChangeBatches.Applier applier =
        batch -> {
          applied.add(batch.stream().map(GroupChangeBatchesTest::member).toList());
          if (member(batch.get(0)).equals("first")) {
            firstRunning.countDown();
            try {
              othersWaiting.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          for (GroupChangeBatches.Waiting waiting : batch) {
            if (member(waiting).equals("unknown")) {
              waiting.fail(new UnknownMembersException(List.of("unknown")));
            } else {
              waiting.succeed(Optional.empty());
            }
          }
        };
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Future<?> first =
          pool.submit(() -> batches.submit("school", "group", AT, add("first"), applier));
      firstRunning.await();
      Future<?> second =
          pool.submit(() -> batches.submit("school", "group", AT, add("second"), applier));
      Future<?> unknown =
          pool.submit(() -> batches.submit("school", "group", AT, add("unknown"), applier));
      Future<?> otherGroup =
          pool.submit(() -> batches.submit("school", "other", AT, add("elsewhere"), applier));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!queued(batches, 2)) {
        assertThat(System.nanoTime())
            .as("two changes queue behind the running one")
            .isLessThan(deadline);
        Thread.sleep(5);
      }
      othersWaiting.countDown();
      first.get();
      second.get();
      otherGroup.get();
      assertThatThrownBy(unknown::get).hasCauseInstanceOf(UnknownMembersException.class);
    } finally {
      pool.shutdownNow();
    }
    assertThat(applied)
        .hasSize(3)
        .contains(List.of("first"), List.of("elsewhere"))
        .anySatisfy(batch -> assertThat(batch).containsExactlyInAnyOrder("second", "unknown"));
  }

  /** Whether at least {@code count} requests wait for the group "group". */
  private static boolean queued(GroupChangeBatches batches, int count) {
    return batches.waiting("school", "group") >= count;
  }
}
