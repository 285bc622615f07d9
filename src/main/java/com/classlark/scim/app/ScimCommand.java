package com.classlark.scim.app;

import com.classlark.scim.directory.ApiToken;
import com.classlark.scim.directory.Caller;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scim disable}: a school's SCIM provisioning as a whole. */
@Command(
    name = "scim",
    description = "Turn a school's SCIM provisioning off.",
    subcommands = {ScimCommand.Disable.class})
final class ScimCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Main.missingSubcommand(spec);
  }

  @Command(
      name = "disable",
      description = {
        "Revoke every SCIM token of a school.",
        "Its staff and groups stay, and those SCIM manages stay locked until support releases"
            + " them."
      })
  static final class Disable extends AdminCommand {
    @Mixin AccountOption account;

    @Override
    void run(Services services, PrintWriter out) {
      List<ApiToken> revoked =
          services.scimAccess().disable(Caller.commandLine(), account.accountId);
      if (json()) {
        ObjectNode node = Json.object();
        node.put("accountId", account.accountId);
        node.put(
            "status",
            services
                .schools()
                .get(Caller.commandLine(), account.accountId)
                .scim()
                .status()
                .wireName());
        ArrayNode ids = node.putArray("revoked");
        revoked.forEach(token -> ids.add(token.id()));
        OutputOptions.printJson(out, node);
      } else {
        out.printf(
            "SCIM disabled for %s: %d token(s) revoked. Records SCIM manages stay locked.%n",
            account.accountId, revoked.size());
      }
    }
  }
}
