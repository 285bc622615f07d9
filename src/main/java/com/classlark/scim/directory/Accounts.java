package com.classlark.scim.directory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Creating and reading school accounts (ClassLark support's tasks). */
public final class Accounts {
  private final AccountStore store;
  private final Clock clock;

  public Accounts(AccountStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public Account create(String name) {
    Account account =
        new Account(UUID.randomUUID().toString(), checkedName(name), Timestamps.now(clock));
    store.insert(account);
    return account;
  }

  /**
   * The name as it will be stored: stripped, 1 to 200 characters.
   *
   * @throws IllegalArgumentException for a name that breaks the rule
   */
  public static String checkedName(String name) {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty() || trimmed.length() > 200) {
      throw new IllegalArgumentException("account name must be 1 to 200 characters");
    }
    return trimmed;
  }

  public Optional<Account> find(String accountId) {
    return store.find(accountId);
  }

  public List<Account> list() {
    return store.list();
  }

  /** The oldest account with this exact name, created when there is none. */
  public Account findOrCreate(String name) {
    List<Account> existing = store.findByName(name);
    return existing.isEmpty() ? create(name) : existing.get(0);
  }
}
