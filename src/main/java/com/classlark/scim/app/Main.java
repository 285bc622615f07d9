package com.classlark.scim.app;

import com.classlark.scim.directory.DirectoryException;
import com.classlark.scim.store.DatabaseTarget;
import com.classlark.scim.store.DatabaseUnavailableException;
import com.classlark.scim.web.PortInUseException;
import io.javalin.http.Handler;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code classlark-scim} command line. Exit codes: 0 done, 1 a runtime failure (database,
 * unknown account or token, port in use), 2 bad arguments. Every message is one line and masks
 * database passwords.
 */
@Command(
    name = "classlark-scim",
    description = "SCIM 2.0 provisioning service of ClassLark.",
    subcommands = {
      ServeCommand.class,
      AccountsCommand.class,
      TokensCommand.class,
      ApiKeysCommand.class,
      ScimCommand.class,
      ConsoleUsersCommand.class,
      StaffCommand.class,
      LogCommand.class,
      MigrateCommand.class,
      HelpCommand.class
    })
public final class Main implements Runnable {
  static final int RUNTIME_FAILURE = 1;
  static final int BAD_ARGUMENTS = 2;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    int exitCode = (startsServe(args) ? serveCommandLine() : commandLine()).execute(args);
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

  private static boolean startsServe(String[] args) {
    return args.length > 0 && args[0].equals("serve");
  }

  /** The configured command line; tests run it in-process. */
  public static CommandLine commandLine() {
    return commandLine(Map.of());
  }

  /**
   * The command line whose {@code serve} also answers {@code publicGetRoutes} without a token: for
   * a harness that runs the service with routes of its own (the HTTP benchmark's baseline, a test
   * source); the service itself has none.
   */
  public static CommandLine commandLine(Map<String, Handler> publicGetRoutes) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            return type == ServeCommand.class
                ? type.cast(new ServeCommand(publicGetRoutes))
                : defaults.create(type);
          }
        };
    return configured(new CommandLine(new Main(), factory));
  }

  /**
   * The command line with {@code serve} as its only command, for the start of the service: picocli
   * builds its model of a command by reflection, and modelling all ten took a fifth of the main
   * thread's time to the first answered request (docs/benchmarks.md). {@code serve}'s usage, errors
   * and exit codes are those of {@link #commandLine()}.
   */
  static CommandLine serveCommandLine() {
    CommandSpec root = CommandSpec.wrapWithoutInspection(new Main()).name("classlark-scim");
    root.addSubcommand("serve", new CommandLine(new ServeCommand()));
    return configured(new CommandLine(root));
  }

  private static CommandLine configured(CommandLine commandLine) {
    withHelpAndVersion(commandLine, new VersionInfo());
    commandLine.setParameterExceptionHandler(Main::badArguments);
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> failure(exception, cmd.getErr()));
    return commandLine;
  }

  /** Every command and subcommand answers {@code --help} (and {@code --version}). */
  private static void withHelpAndVersion(CommandLine command, VersionInfo version) {
    command.getCommandSpec().mixinStandardHelpOptions(true);
    command.getCommandSpec().versionProvider(version);
    command.getSubcommands().values().forEach(sub -> withHelpAndVersion(sub, version));
  }

  private static int badArguments(ParameterException exception, String[] args) {
    CommandLine command = exception.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("error: " + shown(exception.getMessage()));
    UnmatchedArgumentException.printSuggestions(exception, err);
    err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for its usage.");
    err.flush();
    return BAD_ARGUMENTS;
  }

  private static int failure(Exception exception, PrintWriter err) {
    if (exception instanceof DirectoryException problem) {
      err.println("error: " + shown(problem.detail() + rules(problem)));
    } else if (exception instanceof IllegalArgumentException
        || exception instanceof DatabaseUnavailableException
        || exception instanceof PortInUseException
        || exception instanceof UncheckedIOException) {
      err.println("error: " + shown(exception.getMessage()));
    } else {
      LoggerFactory.getLogger(Main.class).debug("command failed", exception);
      err.println(
          "error: unexpected "
              + exception.getClass().getSimpleName()
              + ": "
              + shown(exception.getMessage())
              + " (CLASSLARK_LOG_LEVEL=DEBUG shows the stack trace)");
    }
    err.flush();
    return RUNTIME_FAILURE;
  }

  /** The rules a validation problem names, e.g. " (label: must be at most 200 characters)". */
  private static String rules(DirectoryException problem) {
    if (problem.errors().isEmpty()) {
      return "";
    }
    return problem.errors().stream()
        .map(error -> error.field() + ": " + error.rule())
        .collect(java.util.stream.Collectors.joining("; ", " (", ")"));
  }

  /** A message as one line, with any database password masked. */
  private static String shown(String message) {
    return DatabaseTarget.maskPasswords(String.valueOf(message)).replaceAll("\\s*\\R\\s*", " ");
  }

  /** What a command offers, for a message: "serve, accounts, …" or that it has no subcommands. */
  static String subcommandChoice(CommandLine command) {
    var names = command.getSubcommands().keySet();
    return names.isEmpty()
        ? command.getCommandSpec().qualifiedName() + " has no subcommands"
        : "choose one of " + String.join(", ", names);
  }

  /** A group of commands run without one of them. */
  static ParameterException missingSubcommand(CommandSpec group) {
    return new ParameterException(
        group.commandLine(), "Missing command: " + subcommandChoice(group.commandLine()));
  }

  @Override
  public void run() {
    throw missingSubcommand(spec);
  }
}
