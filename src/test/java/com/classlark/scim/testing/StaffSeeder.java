package com.classlark.scim.testing;

import com.classlark.scim.store.StaffCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Inserts many live staff rows for one school straight into the database, for tests that need a big
 * school (a 20,000-member group) without 20,000 HTTP requests. Rows look like hand-made staff.
 */
public final class StaffSeeder {
  private StaffSeeder() {}

  /** Inserts {@code count} staff for the server's school and returns their ids. */
  public static List<String> seed(TestServer server, String prefix, int count) {
    List<String> ids = new ArrayList<>();
    server
        .application()
        .services()
        .database()
        .jdbi()
        .useTransaction(
            handle -> {
              var batch =
                  handle.prepareBatch(
                      "INSERT INTO staff (account_id, id, user_name, user_name_key, given_name,"
                          + " given_name_key, family_name, family_name_key, user_type, active,"
                          + " scim_managed, created_at, last_modified, version, document)"
                          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Staff', ?, ?, ?, ?, 1, ?)");
              long now = server.clock().millis();
              for (int i = 0; i < count; i++) {
                String id = UUID.randomUUID().toString();
                String userName = prefix + i + "@school.example";
                String given = "Given" + i;
                String family = prefix;
                batch
                    .bind(0, server.school().id())
                    .bind(1, id)
                    .bind(2, userName)
                    .bind(3, userName.toLowerCase())
                    .bind(4, given)
                    .bind(5, given.toLowerCase())
                    .bind(6, family)
                    .bind(7, family.toLowerCase())
                    .bind(8, true)
                    .bind(9, false)
                    .bind(10, now)
                    .bind(11, now)
                    .bind(
                        12,
                        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                            + userName
                            + "\",\"name\":{\"familyName\":\""
                            + family
                            + "\",\"givenName\":\""
                            + given
                            + "\"},\"userType\":\"Staff\",\"active\":true}")
                    .add();
                ids.add(id);
              }
              batch.execute();
              if (count > 0) {
                StaffCounts.change(handle, server.school().id(), ids.get(0), count);
              }
            });
    return ids;
  }
}
