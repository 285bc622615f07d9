package com.classlark.scim.app;

import com.classlark.scim.directory.ApiToken;
import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.IssuedToken;
import com.classlark.scim.directory.RegeneratedToken;
import com.classlark.scim.directory.RetiringToken;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tokens issue|list|revoke|regenerate}: a school's SCIM bearer tokens. */
@Command(
    name = "tokens",
    description = "Issue, list, revoke and regenerate a school's SCIM tokens.",
    subcommands = {
      TokensCommand.Issue.class,
      TokensCommand.ListTokens.class,
      TokensCommand.Revoke.class,
      TokensCommand.Regenerate.class
    })
final class TokensCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Main.missingSubcommand(spec);
  }

  private static String text(Instant instant) {
    return instant == null ? "-" : instant.toString();
  }

  static ObjectNode toJson(ApiToken token) {
    ObjectNode node = Json.object();
    node.put("id", token.id());
    node.put("accountId", token.accountId());
    node.put("prefix", token.prefix());
    if (token.label() != null) {
      node.put("label", token.label());
    }
    node.put("createdAt", token.createdAt().toString());
    token.lastUse().ifPresent(at -> node.put("lastUsedAt", at.toString()));
    token.expiry().ifPresent(at -> node.put("expiresAt", at.toString()));
    token.revocation().ifPresent(at -> node.put("revokedAt", at.toString()));
    node.put("revoked", token.revokedAt() != null);
    return node;
  }

  @Command(
      name = "issue",
      description = "Issue a token for a school. The token is printed once and never shown again.")
  static final class Issue extends AdminCommand {
    @Mixin AccountOption account;

    @Option(
        names = "--label",
        paramLabel = "TEXT",
        description = "A note, e.g. 'Entra ID production'.")
    String label;

    @Option(
        names = "--expires-in",
        paramLabel = "DURATION",
        converter = DurationConverter.class,
        description = "Lifetime, e.g. 365d, 12h or P90D (default: no expiry).")
    Duration expiresIn;

    @Override
    void run(Services services, PrintWriter out) {
      IssuedToken issued = services.tokens().issue(account.accountId, label, expiresIn);
      if (json()) {
        ObjectNode node = Json.object();
        node.put("id", issued.token().id());
        node.put("token", issued.secret());
        node.put("prefix", issued.token().prefix());
        if (issued.token().expiresAt() == null) {
          node.putNull("expiresAt");
        } else {
          node.put("expiresAt", issued.token().expiresAt().toString());
        }
        OutputOptions.printJson(out, node);
      } else {
        out.println(issued.secret());
        err()
            .printf(
                "Token %s issued (expires: %s). Copy it now: it is never shown again.%n",
                issued.token().id(),
                issued.token().expiresAt() == null ? "never" : issued.token().expiresAt());
      }
    }
  }

  @Command(name = "list", description = "List a school's tokens (never the secrets).")
  static final class ListTokens extends AdminCommand {
    @Mixin AccountOption account;

    @Override
    void run(Services services, PrintWriter out) {
      List<ApiToken> tokens = services.tokens().list(account.accountId);
      if (json()) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        tokens.forEach(token -> array.add(toJson(token)));
        OutputOptions.printJson(out, array);
      } else {
        String format = "%-36s  %-11s  %-24s  %-24s  %-24s  %-7s  %s%n";
        out.printf(format, "ID", "PREFIX", "CREATED", "LAST USED", "EXPIRES", "REVOKED", "LABEL");
        for (ApiToken token : tokens) {
          out.printf(
              format,
              token.id(),
              token.prefix(),
              token.createdAt(),
              text(token.lastUsedAt()),
              text(token.expiresAt()),
              token.revokedAt() == null ? "no" : "yes",
              token.label() == null ? "" : token.label());
        }
      }
    }
  }

  @Command(name = "revoke", description = "Revoke a token; it stops working within a second.")
  static final class Revoke extends AdminCommand {
    @Parameters(paramLabel = "TOKEN_ID", description = "The token's id (from 'tokens list').")
    String tokenId;

    @Override
    void run(Services services, PrintWriter out) {
      ApiToken token = services.tokens().revoke(tokenId);
      if (json()) {
        OutputOptions.printJson(out, toJson(token));
      } else {
        out.printf(
            "Token %s (%s…) revoked at %s.%n", token.id(), token.prefix(), token.revokedAt());
      }
    }
  }

  @Command(
      name = "regenerate",
      description = {
        "Issue a new token and retire the school's other tokens.",
        "At once (a leaked token: the default) or after --grace (a planned rotation). The new"
            + " token is printed once."
      })
  static final class Regenerate extends AdminCommand {
    @Mixin AccountOption account;

    @Option(
        names = "--grace",
        paramLabel = "DURATION",
        defaultValue = "0",
        converter = DurationConverter.OrZero.class,
        description =
            "How long the old tokens keep working, e.g. 24h or 7d (at most 7d); 0, the default,"
                + " retires them at once.")
    Duration grace;

    @Override
    void run(Services services, PrintWriter out) {
      RegeneratedToken regenerated =
          services.scimAccess().regenerate(Caller.commandLine(), account.accountId, grace);
      IssuedToken issued = regenerated.issued();
      if (json()) {
        ObjectNode node = Json.object();
        node.put("id", issued.token().id());
        node.put("token", issued.secret());
        ArrayNode retiring = node.putArray("retiring");
        for (RetiringToken token : regenerated.retiring()) {
          retiring.addObject().put("id", token.id()).put("expiresAt", token.expiresAt().toString());
        }
        OutputOptions.printJson(out, node);
      } else {
        out.println(issued.secret());
        err()
            .printf(
                "Token %s issued. Copy it now: it is never shown again.%n", issued.token().id());
        for (RetiringToken token : regenerated.retiring()) {
          err().printf("Token %s stops working at %s.%n", token.id(), token.expiresAt());
        }
      }
    }
  }
}
