package com.classlark.scim.app;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code help [COMMAND [SUBCOMMAND…]]}: the usage of any command at any depth, e.g. {@code help
 * tokens issue} (picocli's own help command looks one level down only).
 */
@Command(
    name = "help",
    helpCommand = true,
    description = "Show the usage of a command, e.g. 'help tokens issue'.")
final class HelpCommand implements IHelpCommandInitializable2, Callable<Integer> {
  @Parameters(paramLabel = "COMMAND", description = "The command and subcommands to describe.")
  List<String> path = List.of();

  private CommandLine self;
  private ColorScheme colorScheme;
  private PrintWriter out;

  @Override
  public void init(
      CommandLine helpCommandLine, ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
    this.self = helpCommandLine;
    this.colorScheme = colorScheme;
    this.out = out;
  }

  @Override
  public Integer call() {
    CommandLine parent = self.getParent();
    CommandLine described = parent;
    for (String name : path) {
      CommandLine sub = described.getSubcommands().get(name);
      if (sub == null) {
        throw new ParameterException(
            self,
            "Unknown command '"
                + String.join(" ", path)
                + "': "
                + Main.subcommandChoice(described));
      }
      described = sub;
    }
    described.usage(out, colorScheme);
    out.flush();
    return 0;
  }
}
