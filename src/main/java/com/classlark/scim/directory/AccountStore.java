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
}
