package com.classlark.scim.store;

import com.classlark.scim.directory.StoredResource;
import java.util.List;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Loads many staff rows in one transaction with batched inserts, for benchmarks that need a large
 * school quickly. The rows are exactly those {@link JdbcStaffStore#insert} writes (same columns,
 * same derived keys, same document), so the service cannot tell them apart; only the transaction
 * size differs.
 */
public final class StaffBulkLoader {
  private StaffBulkLoader() {}

  /**
   * Inserts {@code staff} into the school {@code accountId}; each document must already be valid.
   */
  public static void insert(Database database, String accountId, List<StoredResource> staff) {
    database
        .jdbi()
        .useTransaction(
            handle -> {
              PreparedBatch rows =
                  handle.prepareBatch(
                      "INSERT INTO staff (account_id, id, user_name, user_name_key, external_id,"
                          + " given_name, given_name_key, family_name, family_name_key,"
                          + " display_name, display_name_key, user_type, active, scim_managed,"
                          + " created_at, last_modified, version, document) VALUES (:account, :id,"
                          + " :userName, :userNameKey, :externalId, :givenName, :givenNameKey,"
                          + " :familyName, :familyNameKey, :displayName, :displayNameKey,"
                          + " :userType, :active, :scimManaged, :created, :lastModified, :version,"
                          + " :document)");
              PreparedBatch emails =
                  handle.prepareBatch(
                      "INSERT INTO staff_emails (account_id, staff_id, position, value, value_key,"
                          + " type, type_key, is_primary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
              for (StoredResource member : staff) {
                StaffColumns columns = StaffColumns.of(member.document());
                rows.bind("account", accountId)
                    .bind("id", member.id())
                    .bind("userName", columns.userName())
                    .bind("userNameKey", StaffColumns.key(columns.userName()))
                    .bind("externalId", columns.externalId())
                    .bind("givenName", columns.givenName())
                    .bind("givenNameKey", StaffColumns.key(columns.givenName()))
                    .bind("familyName", columns.familyName())
                    .bind("familyNameKey", StaffColumns.key(columns.familyName()))
                    .bind("displayName", columns.displayName())
                    .bind("displayNameKey", StaffColumns.key(columns.displayName()))
                    .bind("userType", columns.userType())
                    .bind("active", columns.active())
                    .bind("scimManaged", member.scimManaged())
                    .bind("created", member.created().toEpochMilli())
                    .bind("lastModified", member.lastModified().toEpochMilli())
                    .bind("version", member.version())
                    .bind("document", ResourceRows.serialise(member.document()))
                    .add();
                for (StaffColumns.Email email : columns.emails()) {
                  emails
                      .bind(0, accountId)
                      .bind(1, member.id())
                      .bind(2, email.position())
                      .bind(3, email.value())
                      .bind(4, StaffColumns.key(email.value()))
                      .bind(5, email.type())
                      .bind(6, StaffColumns.key(email.type()))
                      .bind(7, email.primary())
                      .add();
                }
              }
              rows.execute();
              if (emails.size() > 0) {
                emails.execute();
              }
              if (!staff.isEmpty()) {
                StaffCounts.change(handle, accountId, staff.get(0).id(), staff.size());
              }
            });
  }
}
