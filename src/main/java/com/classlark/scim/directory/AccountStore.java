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
   * Sets or, with {@code null}, clears the school's default user type; false when there is no such
   * school.
   */
  boolean setDefaultUserType(String accountId, String userType);

  /** How many live staff and groups the school has, and how many of them SCIM manages. */
  SchoolCounts counts(String accountId);
}
