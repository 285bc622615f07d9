package com.classlark.scim.directory.section;

import com.classlark.scim.directory.Accounts;
import com.classlark.scim.directory.Problems;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.Versions;

/**
 * The checks before a manual write of a staff member or group: the school exists, the record is not
 * managed by SCIM (DESIGN.md, "Manual-edit lock") and is at the version the caller read. The store
 * checks the lock again in the writing statement; these checks give the caller the right refusal.
 */
final class ManualLock {
  private ManualLock() {}

  static void requireSchool(Accounts accounts, String accountId) {
    if (accounts.find(accountId).isEmpty()) {
      throw Problems.schoolNotFound(accountId);
    }
  }

  /**
   * The record, if it may be changed by hand now.
   *
   * @param what "staff member" or "group", as the refusal names it
   * @param idField the field that carries its id in the refusal
   * @param ifMatch the caller's {@code If-Match}, or null
   */
  static StoredResource unlocked(
      StoredResource existing, String what, String idField, String ifMatch) {
    if (existing.scimManaged()) {
      throw Problems.managedByScim(what, idField, existing.id());
    }
    if (ifMatch != null && !ifMatch.isBlank() && !Versions.matches(ifMatch, existing.version())) {
      throw Problems.versionMismatch(Versions.etag(existing.version()));
    }
    return existing;
  }
}
