package com.classlark.scim.app;

import com.classlark.scim.console.ConsolePaths;
import com.classlark.scim.directory.console.ConsoleRole;
import com.classlark.scim.directory.console.ConsoleUser;
import com.classlark.scim.directory.console.ConsoleUsers;
import com.classlark.scim.directory.console.PasswordLink;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code console-users add|list|disable|new-link}: who may sign in to the web console. */
@Command(
    name = "console-users",
    description = "Add, list and disable the people who sign in to the web console.",
    subcommands = {
      ConsoleUsersCommand.Add.class,
      ConsoleUsersCommand.ListUsers.class,
      ConsoleUsersCommand.Disable.class,
      ConsoleUsersCommand.NewLink.class
    })
final class ConsoleUsersCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Main.missingSubcommand(spec);
  }

  static ObjectNode toJson(ConsoleUser user) {
    ObjectNode node = Json.object();
    node.put("id", user.id());
    node.put("email", user.email());
    node.put("role", user.role().keyword());
    if (user.accountId() == null) {
      node.putNull("accountId");
    } else {
      node.put("accountId", user.accountId());
    }
    node.put("createdAt", user.createdAt().toString());
    putInstant(node, "passwordSetAt", user.passwordSetAt());
    putInstant(node, "disabledAt", user.disabledAt());
    return node;
  }

  private static void putInstant(ObjectNode node, String name, Instant instant) {
    if (instant == null) {
      node.putNull(name);
    } else {
      node.put(name, instant.toString());
    }
  }

  /** The keywords of the console roles, for {@code --role}. */
  static final class RoleKeywords implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.Arrays.stream(ConsoleRole.values()).map(ConsoleRole::keyword).iterator();
    }
  }

  /** {@code --email} of an existing console user. */
  static final class UserOption {
    @Option(
        names = "--email",
        required = true,
        paramLabel = "EMAIL",
        description = "The user's email address.")
    String email;
  }

  /** {@code --base-url}: where the set-password links point. */
  static final class LinkOptions {
    @Option(
        names = "--base-url",
        defaultValue = "${env:CLASSLARK_BASE_URL:-http://localhost:8080}",
        paramLabel = "URL",
        description =
            "The service's public base URL, for the set-password link (env CLASSLARK_BASE_URL;"
                + " default: ${DEFAULT-VALUE}).")
    String baseUrl;

    void check(AdminCommand command) {
      if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
        throw command.badArgument("--base-url must start with http:// or https://, got " + baseUrl);
      }
    }
  }

  /** Prints a link: the link alone on stdout (or JSON), what to do with it on stderr. */
  static void printLink(AdminCommand command, PrintWriter out, PasswordLink link, String baseUrl) {
    String url = ConsolePaths.setPasswordLink(baseUrl, link.secret());
    if (command.json()) {
      ObjectNode node = toJson(link.user());
      node.put("setPasswordLink", url);
      node.put("linkExpiresAt", link.expiresAt().toString());
      OutputOptions.printJson(out, node);
    } else {
      out.println(url);
      command
          .err()
          .printf(
              "Send this link to %s: it sets their console password, works once and expires at"
                  + " %s. Then they sign in at %s.%n",
              link.user().email(),
              link.expiresAt(),
              baseUrl.replaceAll("/+$", "") + ConsolePaths.SIGN_IN);
    }
  }

  @Command(
      name = "add",
      description = "Add a console user; print their set-password link (valid 24 hours).")
  static final class Add extends AdminCommand {
    @Option(
        names = "--email",
        required = true,
        paramLabel = "EMAIL",
        description = "The address they sign in with.")
    String email;

    @Option(
        names = "--role",
        required = true,
        paramLabel = "ROLE",
        completionCandidates = RoleKeywords.class,
        description = "support (every school) or school-admin (one school, given by --account).")
    String role;

    @Option(
        names = "--account",
        paramLabel = "ID",
        description = "The school of a school admin (from 'accounts list').")
    String accountId;

    @picocli.CommandLine.Mixin LinkOptions link;

    @Override
    void checkArguments() {
      try {
        ConsoleUsers.checkNewUser(email, ConsoleRole.parse(role), accountId);
      } catch (IllegalArgumentException e) {
        throw badArgument(e.getMessage());
      }
      link.check(this);
    }

    @Override
    void run(Services services, PrintWriter out) {
      PasswordLink issued =
          services.console().users().add(email, ConsoleRole.parse(role), accountId);
      printLink(this, out, issued, link.baseUrl);
    }
  }

  @Command(name = "list", description = "List every console user (never a password).")
  static final class ListUsers extends AdminCommand {
    @Override
    void run(Services services, PrintWriter out) {
      List<ConsoleUser> users = services.console().users().list();
      if (json()) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        users.forEach(user -> array.add(toJson(user)));
        OutputOptions.printJson(out, array);
      } else if (users.isEmpty()) {
        out.println(
            "No console users yet. Add one with: classlark-scim console-users add --email EMAIL"
                + " --role support");
      } else {
        String format = "%-36s  %-12s  %-36s  %-8s  %s%n";
        out.printf(format, "ID", "ROLE", "ACCOUNT", "STATE", "EMAIL");
        for (ConsoleUser user : users) {
          out.printf(
              format,
              user.id(),
              user.role().keyword(),
              user.accountId() == null ? "-" : user.accountId(),
              user.disabled() ? "disabled" : user.passwordSetAt() == null ? "invited" : "active",
              user.email());
        }
      }
    }
  }

  @Command(
      name = "disable",
      description = "Disable a console user at once: every session ends, no password works.")
  static final class Disable extends AdminCommand {
    @picocli.CommandLine.Mixin UserOption user;

    @Override
    void run(Services services, PrintWriter out) {
      ConsoleUser disabled = services.console().users().disable(user.email);
      if (json()) {
        OutputOptions.printJson(out, toJson(disabled));
      } else {
        out.printf(
            "Console user %s disabled at %s; every session ended.%n",
            disabled.email(), disabled.disabledAt());
      }
    }
  }

  @Command(
      name = "new-link",
      description = "Print a new one-time set-password link (valid 24 hours) for a user.")
  static final class NewLink extends AdminCommand {
    @picocli.CommandLine.Mixin UserOption user;

    @picocli.CommandLine.Mixin LinkOptions link;

    @Override
    void checkArguments() {
      link.check(this);
    }

    @Override
    void run(Services services, PrintWriter out) {
      printLink(this, out, services.console().users().newLink(user.email), link.baseUrl);
    }
  }
}
