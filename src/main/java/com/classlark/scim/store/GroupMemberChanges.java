package com.classlark.scim.store;

import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.UnknownMembersException;
import com.classlark.scim.directory.events.EventSource;
import com.classlark.scim.protocol.patch.MembershipChange;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
   * lock is held only for that statement and the commit. Each request's statements report its own
   * difference, so each request has its own membership events. A request that names an unknown
   * member is refused alone, before any of its changes is written.
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
              if (!GroupRows.exists(handle, accountId, groupId)) {
                return new BatchOutcome(Optional.empty(), refused);
              }
              int changedRows = 0;
              for (GroupChangeBatches.Waiting waiting : batch) {
                MembershipEvents events =
                    new MembershipEvents(
                        outbox, handle, accountId, EventSource.SCIM, groupId, waiting.at);
                try {
                  memberships.apply(
                      handle, accountId, groupId, MembershipEdit.of(waiting.changes), events);
                } catch (UnknownMembersException e) {
                  refused.put(waiting, e);
                }
                changedRows += events.finish();
              }
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
}
