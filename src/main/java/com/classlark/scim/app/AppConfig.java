package com.classlark.scim.app;

import com.classlark.scim.protocol.schema.MultiValueLimit;
import com.classlark.scim.scim.BulkSettings;
import com.classlark.scim.scim.QuerySettings;
import com.classlark.scim.store.DatabaseTarget;
import com.classlark.scim.web.HttpSettings;

/**
 * Everything the service needs to run.
 *
 * @param bulk limits of {@code /Bulk}; its payload limit must fit in the HTTP body limit, or
 *     requests over the body limit would be refused before the bulk limit is ever checked
 * @param valueLimit the most values of one multi-valued attribute of a resource
 * @param migrate apply pending migrations at start (always done for embedded SQLite)
 * @param benchmarkBaseline also serve {@link com.classlark.scim.scim.BenchmarkBaseline} without a
 *     token, for the benchmark harness only
 */
public record AppConfig(
    DatabaseTarget database,
    HttpSettings http,
    QuerySettings queries,
    BulkSettings bulk,
    MultiValueLimit valueLimit,
    boolean migrate,
    boolean benchmarkBaseline) {

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

  /** The configuration of a normal service with the default value limit, without the baseline. */
  public AppConfig(
      DatabaseTarget database,
      HttpSettings http,
      QuerySettings queries,
      BulkSettings bulk,
      boolean migrate) {
    this(database, http, queries, bulk, MultiValueLimit.DEFAULT, migrate, false);
  }
}
