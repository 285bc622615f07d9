package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.classlark.scim.directory.UnknownMembersException;
import com.classlark.scim.protocol.patch.MembershipChange;
import com.classlark.scim.testing.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
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
    FutureTask<?> first =
        started(() -> batches.submit("school", "group", AT, add("first"), applier));
    firstRunning.await();
    FutureTask<?> second =
        new FutureTask<>(() -> batches.submit("school", "group", AT, add("second"), applier));
    FutureTask<?> unknown =
        new FutureTask<>(() -> batches.submit("school", "group", AT, add("unknown"), applier));
    Thread secondThread = Thread.ofPlatform().start(second);
    Thread unknownThread = Thread.ofPlatform().start(unknown);
    FutureTask<?> otherGroup =
        started(() -> batches.submit("school", "other", AT, add("elsewhere"), applier));
    // A request parks (WAITING) only on its group's lock, which it takes after joining the queue.
    Conditions.await(
        "two changes queue behind the running one",
        Duration.ofSeconds(30),
        () ->
            secondThread.getState() == Thread.State.WAITING
                && unknownThread.getState() == Thread.State.WAITING);
    othersWaiting.countDown();
    first.get(30, TimeUnit.SECONDS);
    second.get(30, TimeUnit.SECONDS);
    otherGroup.get(30, TimeUnit.SECONDS);
    assertThatThrownBy(() -> unknown.get(30, TimeUnit.SECONDS))
        .hasCauseInstanceOf(UnknownMembersException.class);
    assertThat(applied)
        .hasSize(3)
        .contains(List.of("first"), List.of("elsewhere"))
        .anySatisfy(batch -> assertThat(batch).containsExactlyInAnyOrder("second", "unknown"));
  }

  private static <T> FutureTask<T> started(Callable<T> work) {
    FutureTask<T> task = new FutureTask<>(work);
    Thread.ofPlatform().start(task);
    return task;
  }
}
