package com.classlark.scim.app;

import com.classlark.scim.directory.Account;
import com.classlark.scim.directory.Accounts;
import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.School;
import com.classlark.scim.directory.SchoolChange;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code accounts create|list|show}: school accounts, for ClassLark support. */
@Command(
    name = "accounts",
    description = "Create and inspect school accounts.",
    subcommands = {
      AccountsCommand.Create.class,
      AccountsCommand.ListAccounts.class,
      AccountsCommand.Show.class,
      AccountsCommand.Update.class
    })
final class AccountsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Main.missingSubcommand(spec);
  }

  static ObjectNode toJson(Account account) {
    ObjectNode node = Json.object();
    node.put("id", account.id());
    node.put("name", account.name());
    node.put("createdAt", account.createdAt().toString());
    node.put("defaultUserType", account.defaultUserType());
    return node;
  }

  @Command(name = "create", description = "Create a school account and print its id.")
  static final class Create extends AdminCommand {
    @Option(
        names = "--name",
        required = true,
        paramLabel = "NAME",
        description = "The school's name.")
    String name;

    @Override
    void checkArguments() {
      try {
        Accounts.checkedName(name);
      } catch (IllegalArgumentException e) {
        throw badArgument(e.getMessage());
      }
    }

    @Override
    void run(Services services, PrintWriter out) {
      Account account = services.accounts().create(name);
      if (json()) {
        ObjectNode node = Json.object();
        node.put("id", account.id());
        node.put("name", account.name());
        OutputOptions.printJson(out, node);
      } else {
        out.println(account.id());
      }
    }
  }

  @Command(name = "list", description = "List every school account.")
  static final class ListAccounts extends AdminCommand {
    @Override
    void run(Services services, PrintWriter out) {
      List<Account> accounts = services.accounts().list();
      if (json()) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        accounts.forEach(account -> array.add(toJson(account)));
        OutputOptions.printJson(out, array);
      } else if (accounts.isEmpty()) {
        out.println("No accounts yet. Create one with: classlark-scim accounts create --name NAME");
      } else {
        out.printf("%-36s  %-24s  %s%n", "ID", "CREATED", "NAME");
        accounts.forEach(
            account ->
                out.printf(
                    "%-36s  %-24s  %s%n", account.id(), account.createdAt(), account.name()));
      }
    }
  }

  @Command(name = "show", description = "Show one school account.")
  static final class Show extends AdminCommand {
    @Parameters(paramLabel = "ID", description = "The account id.")
    String accountId;

    @Override
    void run(Services services, PrintWriter out) {
      Account account =
          services
              .accounts()
              .find(accountId)
              .orElseThrow(() -> new IllegalArgumentException("no account with id " + accountId));
      int tokens = services.tokens().list(account.id()).size();
      if (json()) {
        ObjectNode node = toJson(account);
        node.put("tokens", tokens);
        OutputOptions.printJson(out, node);
      } else {
        out.printf(
            "id:       %s%nname:     %s%ncreated:  %s%ntokens:   %d%n",
            account.id(), account.name(), account.createdAt(), tokens);
      }
    }
  }

  @Command(
      name = "update",
      description = "Change a school's settings, e.g. the user type SCIM gives when none is sent.")
  static final class Update extends AdminCommand {
    /** The value of --default-user-type that clears the default. */
    static final String NONE = "none";

    @Parameters(paramLabel = "ID", description = "The account id.")
    String accountId;

    @Option(
        names = "--default-user-type",
        required = true,
        paramLabel = "TYPE",
        description =
            "The userType SCIM gives a staff member whose identity provider sent none: Staff,"
                + " 'Event Manager', 'Finance Manager', Administrator, or none to make userType"
                + " required again. A value the identity provider sends always wins.")
    String defaultUserType;

    @Override
    void run(Services services, PrintWriter out) {
      String userType = NONE.equals(defaultUserType) ? null : defaultUserType;
      School school =
          services
              .schools()
              .update(Caller.commandLine(), accountId, SchoolChange.defaultUserType(userType));
      if (json()) {
        OutputOptions.printJson(out, toJson(school.account()));
      } else {
        out.printf(
            "School %s: default user type %s.%n",
            school.account().id(),
            userType == null ? "none (userType is required over SCIM)" : userType);
      }
    }
  }
}
