package com.classlark.scim.store;

import com.classlark.scim.directory.Caller;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Writes the record of a change made through ClassLark's own interfaces ({@code manual_changes}),
 * on the handle of the change's own transaction, so the change and its author commit together.
 */
final class ManualChangeLog {
  private ManualChangeLog() {}

  /** What was changed: the {@code resource_type} column. */
  enum Resource {
    STAFF("staff"),
    GROUP("group"),
    SCHOOL("school");

    final String column;

    Resource(String column) {
      this.column = column;
    }
  }

  /**
   * @param action create, edit, delete, members or release
   * @param version the record's version after the change; null when there is none (a deleted group,
   *     a whole school)
   */
  static void record(
      Handle handle,
      String accountId,
      Resource resource,
      String resourceId,
      String action,
      Caller author,
      Long version,
      Instant at) {
    handle
        .createUpdate(
            "INSERT INTO manual_changes (account_id, id, resource_type, resource_id, action, actor,"
                + " key_id, version, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(0, accountId)
        .bind(1, UUID.randomUUID().toString())
        .bind(2, resource.column)
        .bind(3, resourceId)
        .bind(4, action)
        .bind(5, author.actor())
        .bind(6, author.keyId())
        .bind(7, version)
        .bind(8, at.toEpochMilli())
        .execute();
  }
}
