package com.classlark.scim.groups;

import static com.classlark.scim.testing.Bodies.json;
import static com.classlark.scim.testing.Bodies.staff;
import static com.classlark.scim.testing.Bodies.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Base of the Groups HTTP test classes: the users, groups and PATCH bodies they share. */
abstract class GroupExchanges extends ServerPerEngine {
  static String user() {
    HttpResult created = client.post("/Users", staff(uniqueEmail("member")));
    assertThat(created.status()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  static String uniqueName(String prefix) {
    return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  static JsonNode createGroup(String displayName, String... memberIds) {
    StringBuilder members = new StringBuilder();
    for (String id : memberIds) {
      members.append(members.length() == 0 ? "" : ",").append("{'value':'").append(id).append("'}");
    }
    HttpResult created =
        client.post(
            "/Groups",
            json(
                "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'displayName':'"
                    + displayName
                    + "','members':["
                    + members
                    + "]}"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json();
  }

  static List<String> memberIds(JsonNode group) {
    List<String> ids = new ArrayList<>();
    group.path("members").forEach(member -> ids.add(member.path("value").asText()));
    return ids;
  }

  static String patch(String operations) {
    return json(
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
            + operations
            + "]}");
  }

  static long membershipRows(String memberId) {
    return server
        .application()
        .services()
        .database()
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT COUNT(*) FROM group_members WHERE account_id = ? AND member_id = ?")
                    .bind(0, server.school().id())
                    .bind(1, memberId)
                    .mapTo(Long.class)
                    .one());
  }
}
