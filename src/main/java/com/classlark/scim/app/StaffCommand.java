package com.classlark.scim.app;

import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.ReleasedCounts;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code staff release}: support's release of a school's records from SCIM management. */
@Command(
    name = "staff",
    description = "Support's operations on a school's staff and groups.",
    subcommands = {StaffCommand.Release.class})
final class StaffCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Main.missingSubcommand(spec);
  }

  @Command(
      name = "release",
      description = {
        "Release staff and groups from SCIM management.",
        "--staff releases one staff member, --group one group, --all every record of the school.",
        "A released record can be edited in ClassLark until the school's identity provider writes"
            + " it again, which locks it again."
      })
  static final class Release extends AdminCommand {
    @Mixin AccountOption account;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    /** Exactly one of the three. */
    static final class Target {
      @Option(names = "--staff", paramLabel = "STAFF_ID", description = "One staff member.")
      String staffId;

      @Option(names = "--group", paramLabel = "GROUP_ID", description = "One group.")
      String groupId;

      @Option(names = "--all", description = "Every SCIM-managed staff member and group.")
      boolean all;
    }

    @Override
    void run(Services services, PrintWriter out) {
      Caller support = Caller.commandLine();
      String accountId = account.accountId;
      ObjectNode node = Json.object();
      node.put("accountId", accountId);
      String said;
      if (target.staffId != null) {
        var member = services.staffSection().release(support, accountId, target.staffId);
        node.put("staffId", member.id());
        node.put("version", member.version());
        said = "Released staff member " + member.id();
      } else if (target.groupId != null) {
        var group = services.groupSection().release(support, accountId, target.groupId);
        node.put("groupId", group.id());
        node.put("version", group.version());
        said = "Released group " + group.id();
      } else {
        ReleasedCounts counts = services.schoolRelease().release(support, accountId);
        node.put("staff", counts.staff());
        node.put("groups", counts.groups());
        said =
            "Released "
                + counts.staff()
                + " staff member(s) and "
                + counts.groups()
                + " group(s) of "
                + accountId;
      }
      if (json()) {
        OutputOptions.printJson(out, node);
      } else {
        out.println(
            said
                + " from SCIM: editable in ClassLark until the identity provider writes it again.");
      }
    }
  }
}
