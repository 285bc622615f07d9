package com.classlark.scim.app;

import com.classlark.scim.directory.ApiKey;
import com.classlark.scim.directory.ApiKeyRole;
import com.classlark.scim.directory.ApiKeys;
import com.classlark.scim.directory.IssuedApiKey;
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

/** {@code apikeys issue|list|revoke}: the API keys of the directory API ({@code /api/v1}). */
@Command(
    name = "apikeys",
    description = "Issue, list and revoke API keys of the directory API (/api/v1).",
    subcommands = {
      ApiKeysCommand.Issue.class,
      ApiKeysCommand.ListKeys.class,
      ApiKeysCommand.Revoke.class
    })
final class ApiKeysCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Main.missingSubcommand(spec);
  }

  /** The roles as they are written on the command line. */
  static final class Roles implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.Arrays.stream(ApiKeyRole.values()).map(ApiKeyRole::wireName).iterator();
    }
  }

  static ObjectNode toJson(ApiKey key) {
    ObjectNode node = Json.object();
    node.put("id", key.id());
    node.put("prefix", key.prefix());
    node.put("role", key.role().wireName());
    if (key.label() != null) {
      node.put("label", key.label());
    }
    node.put("createdAt", key.createdAt().toString());
    key.revocation().ifPresent(at -> node.put("revokedAt", at.toString()));
    node.put("revoked", key.revokedAt() != null);
    return node;
  }

  @Command(
      name = "issue",
      description = "Issue an API key. The key is printed once and never shown again.")
  static final class Issue extends AdminCommand {
    @Option(
        names = "--role",
        required = true,
        paramLabel = "ROLE",
        completionCandidates = Roles.class,
        description =
            "${COMPLETION-CANDIDATES}: app is ClassLark's application (a school's staff and"
                + " groups); support may also manage schools, SCIM tokens and releases.")
    String role;

    @Option(
        names = "--label",
        paramLabel = "TEXT",
        description = "A note, e.g. 'ClassLark web app, production'.")
    String label;

    @Override
    void checkArguments() {
      if (ApiKeyRole.fromWireName(role).isEmpty()) {
        throw badArgument("--role must be app or support, not '" + role + "'");
      }
      if (label != null && label.strip().length() > ApiKeys.LABEL_LENGTH) {
        throw badArgument("--label must be at most " + ApiKeys.LABEL_LENGTH + " characters");
      }
    }

    @Override
    void run(Services services, PrintWriter out) {
      IssuedApiKey issued =
          services.apiKeys().issue(ApiKeyRole.fromWireName(role).orElseThrow(), label);
      if (json()) {
        ObjectNode node = Json.object();
        node.put("id", issued.key().id());
        node.put("key", issued.secret());
        node.put("role", issued.key().role().wireName());
        OutputOptions.printJson(out, node);
      } else {
        out.println(issued.secret());
        err()
            .printf(
                "API key %s (role %s) issued. Copy it now: it is never shown again.%n",
                issued.key().id(), issued.key().role().wireName());
      }
    }
  }

  @Command(name = "list", description = "List every API key (never the secrets).")
  static final class ListKeys extends AdminCommand {
    @Override
    void run(Services services, PrintWriter out) {
      List<ApiKey> keys = services.apiKeys().list();
      if (json()) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        keys.forEach(key -> array.add(toJson(key)));
        OutputOptions.printJson(out, array);
      } else {
        String format = "%-36s  %-11s  %-7s  %-24s  %-7s  %s%n";
        out.printf(format, "ID", "PREFIX", "ROLE", "CREATED", "REVOKED", "LABEL");
        for (ApiKey key : keys) {
          out.printf(
              format,
              key.id(),
              key.prefix(),
              key.role().wireName(),
              key.createdAt(),
              key.revokedAt() == null ? "no" : "yes",
              key.label() == null ? "" : key.label());
        }
      }
    }
  }

  @Command(name = "revoke", description = "Revoke an API key; it stops working within a second.")
  static final class Revoke extends AdminCommand {
    @Parameters(paramLabel = "ID", description = "The key's id (from 'apikeys list').")
    String keyId;

    @Override
    void run(Services services, PrintWriter out) {
      ApiKey key = services.apiKeys().revoke(keyId);
      if (json()) {
        OutputOptions.printJson(out, toJson(key));
      } else {
        out.printf("API key %s (%s…) revoked at %s.%n", key.id(), key.prefix(), key.revokedAt());
      }
    }
  }
}
