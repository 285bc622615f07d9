package com.classlark.scim.store;

import com.classlark.scim.directory.events.ChangeEvent;
import com.classlark.scim.directory.events.ChangeEvents;
import com.classlark.scim.directory.events.EventSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * The membership events of one change of one group, written to the outbox as the set operations
 * report their differences: {@code group.members_removed} before {@code group.members_added}, each
 * with at most {@link ChangeEvents#MAX_MEMBER_IDS} ids, so that neither an event nor the memory of
 * a replacement of a large group grows with the group. Ids that changed nothing never reach it: a
 * change that changed no membership has no event.
 */
final class MembershipEvents {
  private final Consumer<ChangeEvent> sink;
  private final String school;
  private final EventSource source;
  private final String groupId;
  private final Instant at;
  private final List<String> removed = new ArrayList<>();
  private final List<String> added = new ArrayList<>();
  private int changed;

  MembershipEvents(
      Outbox outbox, Handle handle, String school, EventSource source, String groupId, Instant at) {
    this(event -> outbox.write(handle, event), school, source, groupId, at);
  }

  /** Events handed to {@code sink} instead, which writes them in the change's transaction. */
  MembershipEvents(
      Consumer<ChangeEvent> sink, String school, EventSource source, String groupId, Instant at) {
    this.sink = sink;
    this.school = school;
    this.source = source;
    this.groupId = groupId;
    this.at = at;
  }

  /** Ids whose membership a statement ended. */
  void removed(List<String> ids) {
    for (String id : ids) {
      if (removed.size() == ChangeEvents.MAX_MEMBER_IDS) {
        flushRemoved();
      }
      removed.add(id);
    }
    changed += ids.size();
  }

  /** Ids a statement made members; every removal of the change comes before. */
  void added(List<String> ids) {
    flushRemoved();
    for (String id : ids) {
      if (added.size() == ChangeEvents.MAX_MEMBER_IDS) {
        flushAdded();
      }
      added.add(id);
    }
    changed += ids.size();
  }

  /** Writes what is left; returns how many membership rows the change added or removed. */
  int finish() {
    flushRemoved();
    flushAdded();
    return changed;
  }

  private void flushRemoved() {
    if (!removed.isEmpty()) {
      sink.accept(ChangeEvents.membersRemoved(school, source, groupId, at, removed));
      removed.clear();
    }
  }

  private void flushAdded() {
    if (!added.isEmpty()) {
      sink.accept(ChangeEvents.membersAdded(school, source, groupId, at, added));
      added.clear();
    }
  }
}
