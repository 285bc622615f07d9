package com.classlark.scim.app;

import com.classlark.scim.http.HttpSettings;
import com.classlark.scim.http.QuerySettings;
import com.classlark.scim.store.DatabaseTarget;

/**
 * Everything the service needs to run.
 *
 * @param migrate apply pending migrations at start (always done for embedded SQLite)
 */
public record AppConfig(
    DatabaseTarget database, HttpSettings http, QuerySettings queries, boolean migrate) {}
