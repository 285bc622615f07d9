package com.classlark.scim.app;

import com.classlark.scim.store.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * An admin command: {@code --db} and {@code --json}, run against the domain services of that
 * database.
 */
abstract class AdminCommand implements Callable<Integer> {
  @Mixin DatabaseOptions database;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    checkArguments();
    PrintWriter out = spec.commandLine().getOut();
    try (Database db = database.openForAdmin()) {
      run(Services.over(db, Clock.systemUTC()), out);
    }
    out.flush();
    return 0;
  }

  /**
   * Checks what picocli cannot, before the database is opened.
   *
   * @throws ParameterException (exit code 2) for a bad argument
   */
  void checkArguments() {}

  /** A bad argument, for {@link #checkArguments}. */
  ParameterException badArgument(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** Does the work, printing human text or, with {@code --json}, JSON to {@code out}. */
  abstract void run(Services services, PrintWriter out);

  boolean json() {
    return output.json;
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
