package com.classlark.scim.directory;

import java.util.List;
import java.util.Optional;

/** Persistence of school accounts. */
public interface AccountStore {
  void insert(Account account);

  Optional<Account> find(String accountId);

  /** Finds accounts by exact name, oldest first. */
  List<Account> findByName(String name);

  /** Every account, oldest first. */
  List<Account> list();

  /**
   * Up to {@code limit} accounts by name, any case, then id: those whose name contains {@code
   * nameContains} (compared in lower case), after the account {@code afterId} in that order.
   *
   * @param nameContains lower-case text the name must contain, or {@code null} for every account
   * @param afterId the last account of the previous page, or {@code null} for the first page
   */
  List<Account> pageByName(String nameContains, String afterId, int limit);

  /**
   * Sets or, with {@code null}, clears the school's default user type; false when there is no such
   * school.
   */
  boolean setDefaultUserType(String accountId, String userType);

  /** How many live staff and groups the school has, and how many of them SCIM manages. */
  SchoolCounts counts(String accountId);
}
