package com.classlark.scim.directory.log;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A provisioning-log entry as JSON, the same for the directory API and the command line. */
public final class LogJson {
  private LogJson() {}

  /** One entry as the school's admin and support see it. */
  public static ObjectNode entry(LogEntry entry) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", entry.id());
    node.put("at", entry.at().toString());
    node.put("method", entry.method());
    node.put("path", entry.path());
    node.put("operation", entry.operation().wireName());
    node.put("resourceType", entry.resourceType());
    node.put("resourceId", entry.resourceId());
    node.put("resourceName", entry.resourceName());
    node.put("status", entry.status());
    node.put("outcome", entry.failed() ? "failure" : "success");
    node.put("scimType", entry.scimType());
    node.put("detail", entry.detail());
    ArrayNode changes = node.putArray("changes");
    entry.changes().forEach(changes::add);
    node.put("tokenId", entry.tokenId());
    node.put("tokenPrefix", entry.tokenPrefix());
    node.put("correlationId", entry.correlationId());
    node.put("durationMs", entry.durationMs());
    node.put("clientRequestId", entry.clientRequestId());
    return node;
  }
}
