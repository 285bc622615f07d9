package com.classlark.scim.directory.section;

import com.classlark.scim.directory.Accounts;
import com.classlark.scim.directory.ApiKeyRole;
import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.Problems;
import com.classlark.scim.directory.ReleaseStore;
import com.classlark.scim.directory.ReleasedCounts;
import com.classlark.scim.directory.Timestamps;
import java.time.Clock;

/**
 * Support's release of a whole school from SCIM management: every managed staff record and group
 * becomes editable by hand, in one transaction (worked through in batches, each with its events, so
 * that a school of 100,000 staff needs no more memory than a small one), until the identity
 * provider writes it again.
 */
public final class SchoolRelease {
  private final Accounts accounts;
  private final ReleaseStore releases;
  private final Clock clock;

  public SchoolRelease(Accounts accounts, ReleaseStore releases, Clock clock) {
    this.accounts = accounts;
    this.releases = releases;
    this.clock = clock;
  }

  public ReleasedCounts release(Caller caller, String accountId) {
    caller.require(ApiKeyRole.SUPPORT, "release a school from SCIM");
    if (accounts.find(accountId).isEmpty()) {
      throw Problems.schoolNotFound(accountId);
    }
    return releases.releaseSchool(accountId, Timestamps.now(clock), caller);
  }
}
