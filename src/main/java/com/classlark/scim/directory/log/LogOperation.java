package com.classlark.scim.directory.log;

import java.util.Locale;

/** What a logged SCIM request did, as the provisioning log names it. */
public enum LogOperation {
  CREATE,
  REPLACE,
  UPDATE,
  DELETE,
  /** The {@code /Bulk} request as a whole, when it failed before its operations ran. */
  BULK,
  READ;

  /** The name in the log's JSON and the database, e.g. {@code create}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static LogOperation fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** The operation of a single-resource request with this HTTP method. */
  public static LogOperation ofMethod(String method) {
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "POST" -> CREATE;
      case "PUT" -> REPLACE;
      case "PATCH" -> UPDATE;
      case "DELETE" -> DELETE;
      default -> READ;
    };
  }
}
