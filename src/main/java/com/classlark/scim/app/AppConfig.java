package com.classlark.scim.app;

import com.classlark.scim.http.HttpSettings;
import com.classlark.scim.http.QuerySettings;
import com.classlark.scim.store.DatabaseTarget;

/**
 * Everything the service needs to run.
 *
 * @param migrate apply pending migrations at start (always done for embedded SQLite)
 * @param benchmarkBaseline also serve {@link com.classlark.scim.http.BenchmarkBaseline} without a token,
 *     for the benchmark harness only
 */
public record AppConfig(
    DatabaseTarget database,
    HttpSettings http,
    QuerySettings queries,
    boolean migrate,
    boolean benchmarkBaseline) {

  /** The configuration of a normal service, without the benchmark baseline. */
  public AppConfig(DatabaseTarget database, HttpSettings http, QuerySettings queries, boolean migrate) {
    this(database, http, queries, migrate, false);
  }
}
