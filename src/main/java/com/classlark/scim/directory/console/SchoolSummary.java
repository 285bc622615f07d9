package com.classlark.scim.directory.console;

import com.classlark.scim.directory.Account;
import com.classlark.scim.directory.ApiToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A school as the console shows it: the account, its SCIM status and its tokens (never a secret).
 *
 * @param lastScimUse the latest use of any of its tokens, or {@code null} when none was used
 * @param asOf when the summary was made: the time its status and the tokens' states refer to
 */
public record SchoolSummary(
    Account account, ScimStatus status, Instant lastScimUse, List<ApiToken> tokens, Instant asOf) {

  public Optional<Instant> lastUse() {
    return Optional.ofNullable(lastScimUse);
  }
}
