package com.classlark.scim.app;

import com.classlark.scim.directory.events.FeedSettings;
import com.classlark.scim.directory.log.LogSettings;
import com.classlark.scim.protocol.schema.MultiValueLimit;
import com.classlark.scim.scim.BulkSettings;
import com.classlark.scim.scim.QuerySettings;
import com.classlark.scim.store.DatabaseTarget;
import com.classlark.scim.web.FairnessSettings;
import com.classlark.scim.web.HttpSettings;
import com.classlark.scim.web.ManagementSettings;

/**
 * Everything the service needs to run.
 *
 * @param bulk limits of {@code /Bulk}; its payload limit must fit in the HTTP body limit, or
 *     requests over the body limit would be refused before the bulk limit is ever checked
 * @param valueLimit the most values of one multi-valued attribute of a resource
 * @param migrate apply pending migrations at start (always done for embedded SQLite)
 * @param fairness each school's request rate and concurrency limits
 * @param management where to serve {@code /metrics}, or {@code null} for no management port (and no
 *     metrics)
 * @param log how the provisioning log is kept
 * @param feed how the change feed is served (its long polls)
 */
public record AppConfig(
    DatabaseTarget database,
    HttpSettings http,
    QuerySettings queries,
    BulkSettings bulk,
    MultiValueLimit valueLimit,
    boolean migrate,
    FairnessSettings fairness,
    ManagementSettings management,
    LogSettings log,
    FeedSettings feed) {

  public AppConfig {
    if (bulk.maxPayloadBytes() > http.maxBodyBytes()) {
      throw new IllegalArgumentException(
          "bulk max payload size ("
              + bulk.maxPayloadBytes()
              + " bytes, --bulk-max-payload-bytes) must not exceed the max body size ("
              + http.maxBodyBytes()
              + " bytes, --max-body-bytes)");
    }
  }

  /** A configuration without per-school limits and without a management port. */
  public AppConfig(
      DatabaseTarget database,
      HttpSettings http,
      QuerySettings queries,
      BulkSettings bulk,
      MultiValueLimit valueLimit,
      boolean migrate) {
    this(
        database,
        http,
        queries,
        bulk,
        valueLimit,
        migrate,
        FairnessSettings.OFF,
        null,
        LogSettings.DEFAULT,
        FeedSettings.DEFAULT);
  }

  /** The configuration of a normal service with the default value limit. */
  public AppConfig(
      DatabaseTarget database,
      HttpSettings http,
      QuerySettings queries,
      BulkSettings bulk,
      boolean migrate) {
    this(database, http, queries, bulk, MultiValueLimit.DEFAULT, migrate);
  }

  /** This configuration with other per-school limits. */
  public AppConfig withFairness(FairnessSettings limits) {
    return new AppConfig(
        database, http, queries, bulk, valueLimit, migrate, limits, management, log, feed);
  }

  /** This configuration with other query settings (page sizes, filter limits). */
  public AppConfig withQueries(QuerySettings settings) {
    return new AppConfig(
        database, http, settings, bulk, valueLimit, migrate, fairness, management, log, feed);
  }

  /** This configuration with a management port. */
  public AppConfig withManagement(ManagementSettings port) {
    return new AppConfig(
        database, http, queries, bulk, valueLimit, migrate, fairness, port, log, feed);
  }

  /** This configuration with another way of keeping the provisioning log. */
  public AppConfig withLog(LogSettings settings) {
    return new AppConfig(
        database, http, queries, bulk, valueLimit, migrate, fairness, management, settings, feed);
  }

  /** This configuration with other change-feed settings. */
  public AppConfig withFeed(FeedSettings settings) {
    return new AppConfig(
        database, http, queries, bulk, valueLimit, migrate, fairness, management, log, settings);
  }
}
