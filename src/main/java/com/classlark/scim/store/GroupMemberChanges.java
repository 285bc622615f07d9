package com.classlark.scim.store;

import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.UnknownMembersException;
import com.classlark.scim.directory.events.ChangeEvent;
import com.classlark.scim.directory.events.EventSource;
import com.classlark.scim.protocol.patch.MembershipChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * SCIM's membership-only changes of a group (a PATCH of {@code members}), each committed with its
 * membership events: adds and removes of concurrent requests applied together by {@link
 * GroupChangeBatches}, each request with its own difference and events; a full replacement alone,
 * under the group's row lock.
 */
final class GroupMemberChanges {
  private final Jdbi jdbi;
  private final GroupMemberships memberships;
  private final Outbox outbox;
  private final GroupChangeBatches batches = new GroupChangeBatches();

  GroupMemberChanges(Jdbi jdbi, GroupMemberships memberships, Outbox outbox) {
    this.jdbi = jdbi;
    this.memberships = memberships;
    this.outbox = outbox;
  }

  /** See {@link com.classlark.scim.directory.GroupStore#changeMembers}. */
  Optional<StoredResource> change(
      String accountId, String groupId, Instant at, List<MembershipChange> changes) {
    MembershipEdit edit = MembershipEdit.of(changes);
    if (!edit.replaces()) {
      return batches.submit(accountId, groupId, at, changes, this::applyTogether);
    }
    // A full replacement reads the members it replaces, so it takes the group's lock first.
    return Transactions.inTransaction(
        jdbi,
        handle -> {
          if (!GroupRows.lock(handle, accountId, groupId)) {
            return Optional.<StoredResource>empty();
          }
          MembershipEvents events =
              new MembershipEvents(outbox, handle, accountId, EventSource.SCIM, groupId, at);
          memberships.apply(handle, accountId, groupId, edit, events);
          return GroupRows.bump(handle, accountId, groupId, at, events.finish());
        });
  }

  /** What a batch's transaction found: the group afterwards, and the requests it refused. */
  private record BatchOutcome(
      Optional<StoredResource> group, Map<GroupChangeBatches.Waiting, RuntimeException> refused) {}

  /**
   * Applies the adds and removes of several requests to one group in one transaction. Adds and
   * removes are set operations that commute: they run before the group's row lock, and the lock is
   * taken by the last statement, which bumps the version once and returns the group, so that the
   * lock is held only for that statement and the commit. Each request gets its own difference, so
   * each request has its own membership events. A request that names an unknown member is refused
   * alone, before any of its changes is written.
   */
  private void applyTogether(List<GroupChangeBatches.Waiting> batch) {
    GroupChangeBatches.Waiting first = batch.get(0);
    String accountId = first.accountId;
    String groupId = first.groupId;
    Instant at = batch.stream().map(waiting -> waiting.at).max(Instant::compareTo).orElseThrow();
    BatchOutcome outcome =
        Transactions.inTransaction(
            jdbi,
            handle -> {
              Map<GroupChangeBatches.Waiting, RuntimeException> refused = new HashMap<>();
              List<MembershipEdit> edits =
                  batch.stream().map(waiting -> MembershipEdit.of(waiting.changes)).toList();
              List<String> named = edits.stream().flatMap(edit -> edit.named().stream()).toList();
              // The group's existence and every named member's in one statement (on PostgreSQL).
              Optional<Set<String>> live =
                  memberships.liveInGroup(handle, accountId, groupId, named);
              if (live.isEmpty()) {
                return new BatchOutcome(Optional.empty(), refused);
              }
              int changedRows =
                  disjoint(edits)
                      ? applyAsOne(handle, batch, edits, live.get(), refused)
                      : applyInTurn(handle, batch, edits, live.get(), refused);
              return new BatchOutcome(
                  GroupRows.bump(handle, accountId, groupId, at, changedRows), refused);
            });
    for (GroupChangeBatches.Waiting waiting : batch) {
      RuntimeException refusal = outcome.refused().get(waiting);
      if (refusal != null) {
        waiting.fail(refusal);
      } else {
        waiting.succeed(outcome.group());
      }
    }
  }

  /**
   * Each request's statements in turn: when requests of the batch name the same member. The members
   * were checked for the whole batch ({@code live}, share-locked until the commit).
   */
  private int applyInTurn(
      Handle handle,
      List<GroupChangeBatches.Waiting> batch,
      List<MembershipEdit> edits,
      Set<String> live,
      Map<GroupChangeBatches.Waiting, RuntimeException> refused) {
    int changedRows = 0;
    for (int i = 0; i < batch.size(); i++) {
      GroupChangeBatches.Waiting waiting = batch.get(i);
      if (refusedForUnknown(waiting, edits.get(i), live, refused)) {
        continue;
      }
      MembershipEvents events =
          new MembershipEvents(
              outbox, handle, waiting.accountId, EventSource.SCIM, waiting.groupId, waiting.at);
      memberships.applyChecked(handle, waiting.accountId, waiting.groupId, edits.get(i), events);
      changedRows += events.finish();
    }
    return changedRows;
  }

  /** Refuses the request when its edit names members that are not live staff; true if refused. */
  private static boolean refusedForUnknown(
      GroupChangeBatches.Waiting waiting,
      MembershipEdit edit,
      Set<String> live,
      Map<GroupChangeBatches.Waiting, RuntimeException> refused) {
    List<String> unknown = edit.named().stream().filter(id -> !live.contains(id)).toList();
    if (unknown.isEmpty()) {
      return false;
    }
    refused.put(waiting, new UnknownMembersException(unknown));
    return true;
  }

  /**
   * Every request's statements as one (a lone request too): the members all of them name checked
   * once ({@code live}, by the caller), one delete and one insert for all of them, their events in
   * one batch. On PostgreSQL each statement is a round trip made while the batch holds its place in
   * line (and, for the last one, the group's row lock), so a batch costs the same few round trips
   * whatever its number of requests. Only for requests that name no member in common (see {@link
   * #disjoint}): then each id a statement reports changed belongs to exactly one request, and the
   * requests' order does not matter. Ids are reported in each request's own order, as {@link
   * #applyInTurn} does.
   */
  private int applyAsOne(
      Handle handle,
      List<GroupChangeBatches.Waiting> batch,
      List<MembershipEdit> edits,
      Set<String> live,
      Map<GroupChangeBatches.Waiting, RuntimeException> refused) {
    String accountId = batch.get(0).accountId;
    String groupId = batch.get(0).groupId;
    List<Integer> accepted = new ArrayList<>();
    List<String> removing = new ArrayList<>();
    List<String> adding = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      MembershipEdit edit = edits.get(i);
      if (refusedForUnknown(batch.get(i), edit, live, refused)) {
        continue;
      }
      accepted.add(i);
      removing.addAll(edit.removed());
      adding.addAll(edit.added());
    }
    Set<String> removed = new HashSet<>(memberships.delete(handle, accountId, groupId, removing));
    Set<String> added = new HashSet<>(memberships.insert(handle, accountId, groupId, adding));
    List<ChangeEvent> written = new ArrayList<>();
    int changedRows = 0;
    for (int i : accepted) {
      GroupChangeBatches.Waiting waiting = batch.get(i);
      MembershipEvents events =
          new MembershipEvents(written::add, accountId, EventSource.SCIM, groupId, waiting.at);
      events.removed(edits.get(i).removed().stream().filter(removed::contains).toList());
      events.added(edits.get(i).added().stream().filter(added::contains).toList());
      changedRows += events.finish();
    }
    outbox.write(handle, written);
    return changedRows;
  }

  /** True when no member id is named, added or removed by two of the requests. */
  private static boolean disjoint(List<MembershipEdit> edits) {
    Map<String, Integer> owner = new HashMap<>();
    for (int i = 0; i < edits.size(); i++) {
      MembershipEdit edit = edits.get(i);
      for (List<String> ids : List.of(edit.named(), edit.removed())) {
        for (String id : ids) {
          Integer previous = owner.putIfAbsent(id, i);
          if (previous != null && previous != i) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
