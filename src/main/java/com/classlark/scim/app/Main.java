package com.classlark.scim.app;

import com.classlark.scim.store.DatabaseUnavailableException;
import com.classlark.scim.web.PortInUseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code classlark-scim} command line. */
@Command(
    name = "classlark-scim",
    mixinStandardHelpOptions = true,
    version = "classlark-scim 0.1.0",
    description = "SCIM 2.0 provisioning service of ClassLark.",
    subcommands = {
      ServeCommand.class,
      AccountsCommand.class,
      TokensCommand.class,
      MigrateCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int exitCode = commandLine().execute(args);
    if (exitCode != 0 || !isServe(args)) {
      System.exit(exitCode);
    }
  }

  private static boolean isServe(String[] args) {
    for (String arg : args) {
      if (arg.equals("serve")) {
        return true;
      }
    }
    return false;
  }

  /** The configured command line; tests run it in-process. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          if (exception instanceof IllegalArgumentException
              || exception instanceof DatabaseUnavailableException
              || exception instanceof PortInUseException) {
            cmd.getErr().println("error: " + exception.getMessage());
            return 1;
          }
          throw exception;
        });
    return commandLine;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command: choose one of serve, accounts, tokens, migrate");
  }
}
