package com.classlark.scim.app;

import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.store.Database;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code migrate}: applies pending database migrations (production runs it as its own step). */
@Command(name = "migrate", description = "Apply pending database migrations.")
final class MigrateCommand implements Callable<Integer> {
  @Mixin DatabaseOptions database;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Database db = Database.open(database.target())) {
      int applied = db.migrate();
      if (output.json) {
        ObjectNode result = Json.object();
        result.put("database", db.target().describe());
        result.put("applied", applied);
        OutputOptions.printJson(out, result);
      } else {
        out.printf(
            "Applied %d migration(s) to %s; the schema is up to date.%n",
            applied, db.target().describe());
      }
    }
    return 0;
  }
}
