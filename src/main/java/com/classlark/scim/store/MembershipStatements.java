package com.classlark.scim.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The membership set operations in each engine's SQL, each reporting the rows it really changed;
 * the only place where membership statements differ by dialect.
 */
sealed interface MembershipStatements
    permits PostgresMembershipStatements, SqliteMembershipStatements {

  static MembershipStatements of(Dialect dialect) {
    return switch (dialect) {
      case POSTGRESQL -> new PostgresMembershipStatements();
      case SQLITE -> new SqliteMembershipStatements();
    };
  }

  /** Inserts the memberships, ignoring present ones; returns the ids that were not members. */
  List<String> insert(Handle handle, String accountId, String groupId, List<String> ids);

  /** Deletes the memberships; returns the ids that were members. */
  List<String> delete(Handle handle, String accountId, String groupId, List<String> ids);

  /** The ids that name live staff of the school (see {@link PostgresMembershipStatements}). */
  List<String> live(Handle handle, String accountId, List<String> ids);

  /**
   * Whether the group exists and, when it does, the ids that name live staff of the school,
   * share-locked as {@link #live} does; empty when there is no such group. A membership batch
   * starts with this: on PostgreSQL it is one round trip instead of two.
   */
  Optional<Set<String>> liveInGroup(
      Handle handle, String accountId, String groupId, List<String> ids);
}
