package com.classlark.scim.app;

import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.log.LogEntry;
import com.classlark.scim.directory.log.LogJson;
import com.classlark.scim.directory.log.LogOutcome;
import com.classlark.scim.directory.log.LogPage;
import com.classlark.scim.directory.log.ProvisioningLog;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code log --account ID [--failures] [--limit N] [--json]}: a school's provisioning log, newest
 * first, as support reads it when a school says its users do not sync.
 */
@Command(
    name = "log",
    description = "Show a school's provisioning log (SCIM writes and failures), newest first.")
final class LogCommand extends AdminCommand {
  @Mixin AccountOption account;

  @Option(names = "--failures", description = "Only requests that failed.")
  boolean failures;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description =
          "Most entries to show, 1 to "
              + ProvisioningLog.MAX_LIMIT
              + " (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  void run(Services services, PrintWriter out) {
    if (limit < 1 || limit > ProvisioningLog.MAX_LIMIT) {
      throw badArgument("--limit must be between 1 and " + ProvisioningLog.MAX_LIMIT);
    }
    LogPage page =
        services
            .provisioningLog()
            .page(
                Caller.commandLine(),
                account.accountId,
                failures ? LogOutcome.FAILURE : LogOutcome.ANY,
                null,
                limit,
                null);
    if (json()) {
      ObjectNode body = Json.object();
      ArrayNode items = body.putArray("items");
      page.entries().forEach(entry -> items.add(LogJson.entry(entry)));
      OutputOptions.printJson(out, body);
      return;
    }
    if (page.entries().isEmpty()) {
      out.println("No entries.");
    }
    for (LogEntry entry : page.entries()) {
      out.println(line(entry));
    }
  }

  /** One entry on one line: when, what, on which resource, and the outcome with its detail. */
  static String line(LogEntry entry) {
    StringBuilder line =
        new StringBuilder()
            .append(entry.at())
            .append(' ')
            .append(entry.status())
            .append(' ')
            .append(entry.method())
            .append(' ')
            .append(entry.path());
    if (entry.resourceName() != null) {
      line.append(" (").append(entry.resourceName()).append(')');
    }
    if (!entry.changes().isEmpty()) {
      line.append(" changed ").append(String.join(", ", entry.changes()));
    }
    if (entry.scimType() != null) {
      line.append(" [").append(entry.scimType()).append(']');
    }
    if (entry.detail() != null) {
      line.append(": ").append(entry.detail());
    }
    line.append(" token=").append(entry.tokenPrefix() == null ? "-" : entry.tokenPrefix());
    line.append(" correlation=").append(entry.correlationId());
    return line.toString();
  }
}
