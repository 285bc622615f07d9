package com.classlark.scim.directory;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Schools as the directory API and the console manage them: list and create (support), read (app),
 * and support's SCIM settings. Every operation takes the {@link Caller} and checks its role here,
 * so that no adapter can forget it.
 */
public final class Schools {
  private final Accounts accounts;
  private final AccountStore store;
  private final TokenStore tokens;
  private final Clock clock;

  public Schools(Accounts accounts, AccountStore store, TokenStore tokens, Clock clock) {
    this.accounts = accounts;
    this.store = store;
    this.tokens = tokens;
    this.clock = clock;
  }

  /** Every school with its SCIM status, oldest first (support). */
  public List<School> list(Caller caller) {
    caller.require(ApiKeyRole.SUPPORT, "list schools");
    return withScim(store.list());
  }

  /**
   * One page of the schools whose name contains {@code search} (any case), by name (support); their
   * tokens are read in one query for the page.
   *
   * @param search the text to look for, or {@code null} or blank for every school
   * @param after the {@link SchoolListing#nextCursor} of the previous page, or {@code null}
   */
  public SchoolListing page(Caller caller, String search, String after, int limit) {
    caller.require(ApiKeyRole.SUPPORT, "list schools");
    String wanted =
        search == null || search.isBlank() ? null : search.strip().toLowerCase(Locale.ROOT);
    List<Account> accounts = store.pageByName(wanted, after, limit + 1);
    List<Account> shown = accounts.size() > limit ? accounts.subList(0, limit) : accounts;
    return new SchoolListing(
        withScim(shown), accounts.size() > limit ? shown.get(limit - 1).id() : null);
  }

  /**
   * Creates a school (support).
   *
   * @throws DirectoryException {@code validation} for a name that is blank or over 200 characters
   */
  public School create(Caller caller, String name) {
    caller.require(ApiKeyRole.SUPPORT, "create schools");
    try {
      Accounts.checkedName(name);
    } catch (IllegalArgumentException e) {
      throw Problems.validation(
          List.of(new FieldError("name", "is required: 1 to 200 characters")));
    }
    Account account = accounts.create(name);
    return new School(account, scim(account), new SchoolCounts(0, 0, 0, 0, 0));
  }

  /** The school with its SCIM status and what its directory holds (app). */
  public School get(Caller caller, String schoolId) {
    caller.require(ApiKeyRole.APP, "read schools");
    Account account = account(schoolId);
    return new School(account, scim(account), store.counts(account.id()));
  }

  /**
   * Changes a school's settings (support). The default user type is the {@code userType} SCIM gives
   * a staff member whose identity provider sent none; it never overrides a value the client sent.
   *
   * @throws DirectoryException {@code validation} for a default user type that is not one of {@link
   *     StaffRules#USER_TYPES}
   */
  public School update(Caller caller, String schoolId, SchoolChange change) {
    caller.require(ApiKeyRole.SUPPORT, "change a school's settings");
    String userType = change.defaultUserType();
    if (change.setsDefaultUserType()
        && userType != null
        && !StaffRules.USER_TYPES.contains(userType)) {
      throw Problems.validation(
          List.of(
              new FieldError(
                  "scim.defaultUserType",
                  "must be exactly one of "
                      + String.join(", ", StaffRules.USER_TYPES)
                      + " (case-sensitive), or null for none")));
    }
    Account account = account(schoolId);
    if (change.setsDefaultUserType() && !store.setDefaultUserType(account.id(), userType)) {
      throw Problems.schoolNotFound(schoolId);
    }
    return get(caller, schoolId);
  }

  /** The school, or a {@code not-found} problem. */
  Account account(String schoolId) {
    return store.find(schoolId).orElseThrow(() -> Problems.schoolNotFound(schoolId));
  }

  /** The schools with their SCIM status, from one read of all their tokens. */
  private List<School> withScim(List<Account> accounts) {
    Map<String, List<ApiToken>> byAccount =
        tokens.listByAccount(accounts.stream().map(Account::id).toList());
    Instant now = clock.instant();
    return accounts.stream()
        .map(
            account ->
                new School(
                    account,
                    scim(account, byAccount.getOrDefault(account.id(), List.of()), now),
                    null))
        .toList();
  }

  private SchoolScim scim(Account account) {
    return scim(account, tokens.list(account.id()), clock.instant());
  }

  private static SchoolScim scim(Account account, List<ApiToken> all, Instant now) {
    long usable = all.stream().filter(token -> token.usableAt(now)).count();
    Instant lastUsed =
        all.stream()
            .map(ApiToken::lastUsedAt)
            .filter(Objects::nonNull)
            .max(Comparator.naturalOrder())
            .orElse(null);
    return new SchoolScim(
        ScimStatus.of(all.size(), usable), usable, lastUsed, account.defaultUserType());
  }
}
