package com.classlark.scim.app;

import com.classlark.scim.store.Database;
import com.classlark.scim.store.Database.SchemaPolicy;
import com.classlark.scim.store.DatabaseTarget;
import com.classlark.scim.store.DatabaseUnavailableException;
import com.classlark.scim.store.Dialect;
import java.nio.file.Files;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --db} for every command: a file path means SQLite, a jdbc:postgresql: URL PostgreSQL. */
final class DatabaseOptions {
  // The help shows the built-in default, never the value of CLASSLARK_DB: it may hold a password.
  @Option(
      names = "--db",
      paramLabel = "DB",
      defaultValue = "${env:CLASSLARK_DB:-" + DatabaseTarget.DEFAULT + "}",
      description =
          "SQLite file path or jdbc:postgresql: URL (env CLASSLARK_DB; default: "
              + DatabaseTarget.DEFAULT
              + ").")
  String db;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /**
   * The parsed {@code --db}.
   *
   * @throws ParameterException (exit code 2) for a value that names no supported database
   */
  DatabaseTarget target() {
    try {
      return DatabaseTarget.parse(db);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
  }

  /**
   * Opens an existing database for an admin command. Only {@code serve} and {@code migrate} create
   * a database, so a mistyped SQLite path is refused instead of becoming a new empty database. An
   * embedded database that an older version created is migrated; anything else that is not at this
   * version's schema is refused with one line saying what to do.
   */
  Database openForAdmin() {
    DatabaseTarget target = target();
    if (target.dialect() == Dialect.SQLITE && !Files.exists(target.sqliteFile())) {
      throw new DatabaseUnavailableException(
          "no database at "
              + target.sqliteFile()
              + ": check --db (or CLASSLARK_DB); 'classlark-scim migrate' or 'serve' creates a new one",
          null);
    }
    Database database = Database.open(target);
    try {
      database.prepareSchema(
          target.dialect() == Dialect.SQLITE
              ? SchemaPolicy.MIGRATE_EXISTING
              : SchemaPolicy.REQUIRE_CURRENT);
      return database;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }
}
