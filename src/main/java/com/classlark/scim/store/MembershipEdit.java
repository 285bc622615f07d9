package com.classlark.scim.store;

import com.classlark.scim.protocol.patch.MembershipChange;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The net effect of one request's membership changes, which apply in order: either "make exactly
 * {@link #added} the members" ({@link #replaces}), or "end the membership of {@link #removed}, then
 * add {@link #added}", the two disjoint. Applied as set operations, each statement then reports a
 * difference of its own that no other statement of the request undoes: what it returns is what the
 * request changed, without reading the members before or after.
 *
 * @param replaces true when the request sets the whole membership (a PUT, a {@code replace} or a
 *     {@code remove} of {@code members})
 * @param removed ids whose membership ends; empty when {@code replaces}
 * @param added ids that are members afterwards (all the members when {@code replaces})
 * @param named every id an add or replacement of the request named, each of which must be live
 *     staff of the school, also when a later change of the same request removes it again
 */
record MembershipEdit(
    boolean replaces, List<String> removed, List<String> added, List<String> named) {
  MembershipEdit {
    removed = List.copyOf(removed);
    added = List.copyOf(added);
    named = List.copyOf(named);
  }

  static MembershipEdit of(List<MembershipChange> changes) {
    boolean replaces = false;
    Set<String> removed = new LinkedHashSet<>();
    Set<String> added = new LinkedHashSet<>();
    Set<String> named = new LinkedHashSet<>();
    for (MembershipChange change : changes) {
      switch (change) {
        case MembershipChange.AddMembers(var ids) -> {
          named.addAll(ids);
          added.addAll(ids);
          ids.forEach(removed::remove);
        }
        case MembershipChange.RemoveMembers(var ids) -> {
          ids.forEach(added::remove);
          if (!replaces) {
            removed.addAll(ids);
          }
        }
        case MembershipChange.RemoveAllMembers() -> {
          replaces = true;
          removed.clear();
          added.clear();
        }
        case MembershipChange.ReplaceMembers(var ids) -> {
          named.addAll(ids);
          replaces = true;
          removed.clear();
          added.clear();
          added.addAll(ids);
        }
      }
    }
    return new MembershipEdit(
        replaces, List.copyOf(removed), List.copyOf(added), List.copyOf(named));
  }
}
