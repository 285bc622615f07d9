package com.classlark.scim.store;

import com.classlark.scim.directory.StoredResource;
import java.util.List;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Loads a group and its members with batched inserts, for benchmarks that need groups of 100,000
 * members quickly. The group row is written as {@link JdbcGroupStore#insert} writes it ({@link
 * GroupRows#insert}), the members as the rows it writes, without its check that every member is
 * live staff of the school: the caller passes ids of staff it has just seeded.
 */
public final class GroupBulkLoader {
  private static final int BATCH = 1_000;

  private GroupBulkLoader() {}

  /**
   * Inserts {@code group} into the school {@code accountId} with {@code memberIds} as its members;
   * the document must already be valid and without {@code members}. The group row goes in first,
   * then the members in transactions of {@value #BATCH} rows.
   */
  public static void insert(
      Database database, String accountId, StoredResource group, List<String> memberIds) {
    database.jdbi().useHandle(handle -> GroupRows.insert(handle, accountId, group));
    for (int from = 0; from < memberIds.size(); from += BATCH) {
      List<String> chunk = memberIds.subList(from, Math.min(memberIds.size(), from + BATCH));
      database
          .jdbi()
          .useTransaction(
              handle -> {
                PreparedBatch members =
                    handle.prepareBatch(
                        "INSERT INTO group_members (account_id, group_id, member_id)"
                            + " VALUES (?, ?, ?)");
                for (String memberId : chunk) {
                  members.bind(0, accountId).bind(1, group.id()).bind(2, memberId).add();
                }
                members.execute();
              });
    }
  }
}
