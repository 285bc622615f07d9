package com.classlark.scim.app;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Every command of {@link Main#commandLine()}, found by walking it, so new commands are covered.
 */
final class CommandTree {
  private CommandTree() {}

  /** Each command's path below the root, e.g. {@code [tokens, issue]}; the root is {@code []}. */
  static List<List<String>> paths() {
    List<List<String>> paths = new ArrayList<>();
    collect(Main.commandLine(), List.of(), paths);
    return paths;
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
    paths.add(path);
    command
        .getSubcommands()
        .forEach(
            (name, sub) -> {
              List<String> subPath = new ArrayList<>(path);
              subPath.add(name);
              collect(sub, List.copyOf(subPath), paths);
            });
  }

  /** The command at the path. */
  static CommandLine command(List<String> path) {
    CommandLine command = Main.commandLine();
    for (String name : path) {
      command = command.getSubcommands().get(name);
    }
    return command;
  }

  /** The paths of the admin commands (those that open an existing database). */
  static List<List<String>> adminCommands() {
    return paths().stream()
        .filter(path -> command(path).getCommandSpec().userObject() instanceof AdminCommand)
        .toList();
  }

  /** Values of required options without completion candidates that check their value early. */
  private static final java.util.Map<String, String> CHECKED_VALUES =
      java.util.Map.of("--email", "someone@school.example");

  /**
   * An invocation of the command that picocli and the command's own argument checks accept: its
   * path, for every required option its first completion candidate, a valid value (for an option
   * that checks it) or {@code x}, the first option of every required group of options, {@code x}
   * for every positional parameter, then {@code --db}.
   */
  static String[] invocation(List<String> path, String db) {
    List<String> args = new ArrayList<>(path);
    CommandLine command = command(path);
    for (OptionSpec option : command.getCommandSpec().options()) {
      if (option.required() && option.group() == null) {
        args.add(option.longestName());
        Iterable<String> candidates = option.completionCandidates();
        args.add(
            candidates != null && candidates.iterator().hasNext()
                ? candidates.iterator().next()
                : CHECKED_VALUES.getOrDefault(option.longestName(), "x"));
      }
    }
    for (ArgGroupSpec group : command.getCommandSpec().argGroups()) {
      if (group.multiplicity().min() > 0) {
        OptionSpec first = group.options().iterator().next();
        args.add(first.longestName());
        if (first.arity().min() > 0) {
          args.add("x");
        }
      }
    }
    for (PositionalParamSpec parameter : command.getCommandSpec().positionalParameters()) {
      if (parameter.arity().min() > 0) {
        args.add("x");
      }
    }
    args.add("--db");
    args.add(db);
    return args.toArray(String[]::new);
  }
}
