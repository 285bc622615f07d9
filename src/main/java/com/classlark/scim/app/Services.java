package com.classlark.scim.app;

import com.classlark.scim.directory.Accounts;
import com.classlark.scim.directory.ApiKeys;
import com.classlark.scim.directory.Cursors;
import com.classlark.scim.directory.Groups;
import com.classlark.scim.directory.Schools;
import com.classlark.scim.directory.ScimAccess;
import com.classlark.scim.directory.Staff;
import com.classlark.scim.directory.Tokens;
import com.classlark.scim.directory.console.ConsoleSchools;
import com.classlark.scim.directory.console.ConsoleSessions;
import com.classlark.scim.directory.console.ConsoleUsers;
import com.classlark.scim.directory.events.ChangeFeed;
import com.classlark.scim.directory.events.EventStore;
import com.classlark.scim.directory.events.FeedSequencer;
import com.classlark.scim.directory.events.FeedSettings;
import com.classlark.scim.directory.log.ProvisioningLog;
import com.classlark.scim.directory.log.ProvisioningLogStore;
import com.classlark.scim.directory.section.GroupSection;
import com.classlark.scim.directory.section.SchoolRelease;
import com.classlark.scim.directory.section.StaffSection;
import com.classlark.scim.protocol.filter.FilterLimits;
import com.classlark.scim.protocol.schema.MultiValueLimit;
import com.classlark.scim.store.Database;
import com.classlark.scim.store.JdbcAccountStore;
import com.classlark.scim.store.JdbcApiKeyStore;
import com.classlark.scim.store.JdbcChangeEventStore;
import com.classlark.scim.store.JdbcConsoleSessionStore;
import com.classlark.scim.store.JdbcConsoleUserStore;
import com.classlark.scim.store.JdbcGroupStore;
import com.classlark.scim.store.JdbcProvisioningLogStore;
import com.classlark.scim.store.JdbcReleaseStore;
import com.classlark.scim.store.JdbcServiceKeyStore;
import com.classlark.scim.store.JdbcStaffSection;
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
    Console console,
    ProvisioningLog provisioningLog,
    ProvisioningLogStore provisioningLogStore,
    ChangeFeed changeFeed,
    EventStore eventStore,
    FeedSequencer feedSequencer,
    Clock clock,
    StaffSection staffSection,
    GroupSection groupSection,
    SchoolRelease schoolRelease) {

  /** The web console's users, sessions and view of the schools. */
  public record Console(ConsoleUsers users, ConsoleSessions sessions, ConsoleSchools schools) {}

  /** How long a pagination cursor stays valid (RFC 9865 cursorTimeout). */
  public static final Duration CURSOR_TIMEOUT = Duration.ofHours(24);

  /**
   * The services with the default limits, as the admin commands use them. The change feed's
   * sequencer is not started: {@link Services#feedSequencer()}{@code .start()} where long polls or
   * PostgreSQL readers need it.
   */
  public static Services over(Database database, Clock clock) {
    return over(
        database, clock, MultiValueLimit.DEFAULT, FilterLimits.DEFAULT, FeedSettings.DEFAULT);
  }

  /**
   * @param valueLimit the most values of one multi-valued attribute of a staff member
   * @param filterLimits the limits of every filter and path the services parse (PATCH paths)
   * @param feed how the change feed serves long polls
   */
  public static Services over(
      Database database,
      Clock clock,
      MultiValueLimit valueLimit,
      FilterLimits filterLimits,
      FeedSettings feed) {
    JdbcAccountStore accountStore = new JdbcAccountStore(database);
    JdbcTokenStore tokenStore = new JdbcTokenStore(database);
    Accounts accounts = new Accounts(accountStore, clock);
    Tokens tokens = new Tokens(tokenStore, accountStore, clock);
    Schools schools = new Schools(accounts, accountStore, tokenStore, clock);
    ConsoleUsers consoleUsers =
        new ConsoleUsers(new JdbcConsoleUserStore(database), accountStore, clock);
    JdbcStaffStore staffStore = new JdbcStaffStore(database);
    JdbcGroupStore groupStore = new JdbcGroupStore(database);
    Cursors cursors = new Cursors(new JdbcServiceKeyStore(database, clock), clock, CURSOR_TIMEOUT);
    JdbcStaffSection section = new JdbcStaffSection(database);
    JdbcReleaseStore releases = new JdbcReleaseStore(database);
    JdbcProvisioningLogStore logStore = new JdbcProvisioningLogStore(database);
    JdbcChangeEventStore eventStore = new JdbcChangeEventStore(database);
    FeedSequencer sequencer = new FeedSequencer(eventStore, database.eventSignal());
    return new Services(
        database,
        accounts,
        tokens,
        new ApiKeys(new JdbcApiKeyStore(database), clock),
        schools,
        new ScimAccess(accountStore, tokens, clock),
        new Staff(staffStore, clock, valueLimit, filterLimits, accountStore),
        new Groups(groupStore, clock, filterLimits),
        cursors,
        new Console(
            consoleUsers,
            new ConsoleSessions(new JdbcConsoleSessionStore(database), consoleUsers, clock),
            new ConsoleSchools(schools, tokens, clock)),
        new ProvisioningLog(logStore, accountStore),
        logStore,
        new ChangeFeed(eventStore, accountStore, sequencer.advanced(), feed.maxWaiting()),
        eventStore,
        sequencer,
        clock,
        new StaffSection(accounts, staffStore, section, releases, cursors, clock),
        new GroupSection(accounts, groupStore, section, releases, cursors, clock),
        new SchoolRelease(accounts, releases, clock));
  }
}
