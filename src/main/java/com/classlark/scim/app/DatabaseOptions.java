package com.classlark.scim.app;

import com.classlark.scim.store.Database;
import com.classlark.scim.store.DatabaseTarget;
import picocli.CommandLine.Option;

/** {@code --db} for every command: a file path means SQLite, a jdbc:postgresql: URL PostgreSQL. */
final class DatabaseOptions {
  @Option(
      names = "--db",
      paramLabel = "DB",
      defaultValue = "${env:CLASSLARK_DB:-" + DatabaseTarget.DEFAULT + "}",
      description =
          "SQLite file path or jdbc:postgresql: URL (env CLASSLARK_DB; default: ${DEFAULT-VALUE}).")
  String db;

  DatabaseTarget target() {
    return DatabaseTarget.parse(db);
  }

  /** Opens the database for an admin command, migrating the embedded one so it is ready to use. */
  Database openForAdmin() {
    Database database = Database.open(target());
    if (database.dialect() == com.classlark.scim.store.Dialect.SQLITE) {
      database.migrate();
    }
    return database;
  }
}
