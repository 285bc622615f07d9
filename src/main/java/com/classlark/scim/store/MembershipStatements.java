package com.classlark.scim.store;

import java.util.List;
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
}
