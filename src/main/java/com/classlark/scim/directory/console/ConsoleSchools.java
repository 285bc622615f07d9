package com.classlark.scim.directory.console;

import com.classlark.scim.directory.Account;
import com.classlark.scim.directory.AccountStore;
import com.classlark.scim.directory.DirectoryException;
import com.classlark.scim.directory.Problems;
import com.classlark.scim.directory.TokenStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The schools a console user may see, and the one place that says which: support sees every school,
 * a school admin only their own. Every console page that shows a school asks here, so another
 * school's id is "not found" for a school admin on every page, as it is on the APIs.
 */
public final class ConsoleSchools {
  private final AccountStore accounts;
  private final TokenStore tokens;
  private final Clock clock;

  public ConsoleSchools(AccountStore accounts, TokenStore tokens, Clock clock) {
    this.accounts = accounts;
    this.tokens = tokens;
    this.clock = clock;
  }

  /**
   * The schools this user may see whose name contains {@code search} (any case), by name.
   *
   * @param search the text to look for, or {@code null} or blank for every school
   */
  public List<SchoolSummary> visible(SignedIn signedIn, String search) {
    String wanted = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
    List<Account> candidates =
        switch (signedIn.user().role()) {
          case SUPPORT -> accounts.list();
          case SCHOOL_ADMIN -> accounts.find(signedIn.user().accountId()).stream().toList();
        };
    Instant now = clock.instant();
    return candidates.stream()
        .filter(account -> account.name().toLowerCase(Locale.ROOT).contains(wanted))
        .sorted(Comparator.comparing((Account account) -> account.name().toLowerCase(Locale.ROOT)))
        .map(account -> summary(account, now))
        .toList();
  }

  /**
   * One school, if this user may see it.
   *
   * @throws DirectoryException {@code NOT_FOUND} for a school that does not exist or that this user
   *     may not see, alike
   */
  public SchoolSummary school(SignedIn signedIn, String schoolId) {
    Account account =
        accounts
            .find(Objects.requireNonNull(schoolId))
            .filter(found -> signedIn.user().canSee(found.id()))
            .orElseThrow(() -> Problems.notFound("school", "schoolId", schoolId));
    return summary(account, clock.instant());
  }

  /**
   * Refuses a page or an operation that only support may use.
   *
   * @param operation what the user tried, in words ("see every school")
   * @throws DirectoryException {@code FORBIDDEN} for anyone but support
   */
  public static void requireSupport(SignedIn signedIn, String operation) {
    if (signedIn.user().role() != ConsoleRole.SUPPORT) {
      throw Problems.forbidden(operation, ConsoleRole.SUPPORT.keyword());
    }
  }

  private SchoolSummary summary(Account account, Instant now) {
    var schoolTokens = tokens.list(account.id());
    Instant lastUse =
        schoolTokens.stream()
            .map(token -> token.lastUsedAt())
            .filter(Objects::nonNull)
            .max(Comparator.naturalOrder())
            .orElse(null);
    return new SchoolSummary(account, ScimStatus.of(schoolTokens, now), lastUse, schoolTokens, now);
  }
}
