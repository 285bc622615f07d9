package com.classlark.scim.app;

import com.classlark.scim.directory.Account;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.store.Database;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
      AccountsCommand.Show.class
    })
final class AccountsCommand {

  static ObjectNode toJson(Account account) {
    ObjectNode node = Json.object();
    node.put("id", account.id());
    node.put("name", account.name());
    node.put("createdAt", account.createdAt().toString());
    return node;
  }

  @Command(name = "create", description = "Create a school account and print its id.")
  static final class Create implements Callable<Integer> {
    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The school's name.")
    String name;

    @Mixin DatabaseOptions database;
    @Mixin OutputOptions output;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Database db = database.openForAdmin()) {
        Account account = Services.over(db, Clock.systemUTC()).accounts().create(name);
        if (output.json) {
          ObjectNode node = Json.object();
          node.put("id", account.id());
          node.put("name", account.name());
          OutputOptions.printJson(out, node);
        } else {
          out.println(account.id());
        }
      }
      return 0;
    }
  }

  @Command(name = "list", description = "List every school account.")
  static final class ListAccounts implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Mixin OutputOptions output;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Database db = database.openForAdmin()) {
        List<Account> accounts = Services.over(db, Clock.systemUTC()).accounts().list();
        if (output.json) {
          ArrayNode array = Json.MAPPER.createArrayNode();
          accounts.forEach(account -> array.add(toJson(account)));
          OutputOptions.printJson(out, array);
        } else if (accounts.isEmpty()) {
          out.println("No accounts yet. Create one with: classlark-scim accounts create --name NAME");
        } else {
          out.printf("%-36s  %-24s  %s%n", "ID", "CREATED", "NAME");
          accounts.forEach(
              account ->
                  out.printf("%-36s  %-24s  %s%n", account.id(), account.createdAt(), account.name()));
        }
      }
      return 0;
    }
  }

  @Command(name = "show", description = "Show one school account.")
  static final class Show implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The account id.")
    String accountId;

    @Mixin DatabaseOptions database;
    @Mixin OutputOptions output;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Database db = database.openForAdmin()) {
        Services services = Services.over(db, Clock.systemUTC());
        Account account =
            services
                .accounts()
                .find(accountId)
                .orElseThrow(() -> new IllegalArgumentException("no account with id " + accountId));
        int tokens = services.tokens().list(account.id()).size();
        if (output.json) {
          ObjectNode node = toJson(account);
          node.put("tokens", tokens);
          OutputOptions.printJson(out, node);
        } else {
          out.printf("id:       %s%nname:     %s%ncreated:  %s%ntokens:   %d%n", account.id(), account.name(), account.createdAt(), tokens);
        }
      }
      return 0;
    }
  }
}
