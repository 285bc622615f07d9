package com.classlark.scim.directory;

import java.time.Instant;
import java.util.Optional;

/**
 * Takes records out of SCIM management (support's release), each release recorded with its author
 * in the transaction that makes it. A released record's version advances, since its {@code
 * managedBy} changed; releasing a record that is not managed changes nothing.
 */
public interface ReleaseStore {
  /** The live staff member as it now is; empty when the school has no such live staff member. */
  Optional<StoredResource> releaseStaff(
      String accountId, String staffId, Instant at, Caller author);

  /** The group as it now is; empty when the school has no such group. */
  Optional<StoredResource> releaseGroup(
      String accountId, String groupId, Instant at, Caller author);

  /** Releases every SCIM-managed live staff record and group of the school. */
  ReleasedCounts releaseSchool(String accountId, Instant at, Caller author);
}
