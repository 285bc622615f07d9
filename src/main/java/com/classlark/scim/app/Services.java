package com.classlark.scim.app;

import com.classlark.scim.directory.Accounts;
import com.classlark.scim.directory.ApiKeys;
import com.classlark.scim.directory.Cursors;
import com.classlark.scim.directory.Groups;
import com.classlark.scim.directory.Schools;
import com.classlark.scim.directory.ScimAccess;
import com.classlark.scim.directory.Staff;
import com.classlark.scim.directory.Tokens;
import com.classlark.scim.directory.log.ProvisioningLog;
import com.classlark.scim.directory.log.ProvisioningLogStore;
import com.classlark.scim.protocol.filter.FilterLimits;
import com.classlark.scim.protocol.schema.MultiValueLimit;
import com.classlark.scim.store.Database;
import com.classlark.scim.store.JdbcAccountStore;
import com.classlark.scim.store.JdbcApiKeyStore;
import com.classlark.scim.store.JdbcGroupStore;
import com.classlark.scim.store.JdbcProvisioningLogStore;
import com.classlark.scim.store.JdbcServiceKeyStore;
import com.classlark.scim.store.JdbcStaffStore;
import com.classlark.scim.store.JdbcTokenStore;
import java.time.Clock;
import java.time.Duration;

/** The domain services over one database: the only place that constructs the stores. */
public record Services(
    Database database,
    Accounts accounts,
    Tokens tokens,
    ApiKeys apiKeys,
    Schools schools,
    ScimAccess scimAccess,
    Staff staff,
    Groups groups,
    Cursors cursors,
    ProvisioningLog provisioningLog,
    ProvisioningLogStore provisioningLogStore,
    Clock clock) {
  /** How long a pagination cursor stays valid (RFC 9865 cursorTimeout). */
  public static final Duration CURSOR_TIMEOUT = Duration.ofHours(24);

  /** The services with the default limits, as the admin commands use them. */
  public static Services over(Database database, Clock clock) {
    return over(database, clock, MultiValueLimit.DEFAULT, FilterLimits.DEFAULT);
  }

  /**
   * @param valueLimit the most values of one multi-valued attribute of a staff member
   * @param filterLimits the limits of every filter and path the services parse (PATCH paths)
   */
  public static Services over(
      Database database, Clock clock, MultiValueLimit valueLimit, FilterLimits filterLimits) {
    JdbcAccountStore accountStore = new JdbcAccountStore(database);
    JdbcTokenStore tokenStore = new JdbcTokenStore(database);
    Accounts accounts = new Accounts(accountStore, clock);
    Tokens tokens = new Tokens(tokenStore, accountStore, clock);
    JdbcProvisioningLogStore logStore = new JdbcProvisioningLogStore(database);
    return new Services(
        database,
        accounts,
        tokens,
        new ApiKeys(new JdbcApiKeyStore(database), clock),
        new Schools(accounts, accountStore, tokenStore, clock),
        new ScimAccess(accountStore, tokens, clock),
        new Staff(new JdbcStaffStore(database), clock, valueLimit, filterLimits, accountStore),
        new Groups(new JdbcGroupStore(database), clock, filterLimits),
        new Cursors(new JdbcServiceKeyStore(database, clock), clock, CURSOR_TIMEOUT),
        new ProvisioningLog(logStore, accountStore),
        logStore,
        clock);
  }
}
