package com.classlark.scim.bulk;

import static com.classlark.scim.testing.Bodies.error;
import static com.classlark.scim.testing.Bodies.json;
import static com.classlark.scim.testing.Bodies.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.HttpResult;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Bulk operations that reference each other by {@code bulkId} (RFC 7644 §3.7.2). */
class BulkReferencesTest extends BulkExchanges {
  @Test
  void aGroupMayReferenceAUserThatALaterOperationCreates() {
    String displayName = unique("Forward");
    JsonNode response =
        bulkOk(
            bulk(
                "{'method':'POST','path':'/Groups','bulkId':'g','data':"
                    + group(displayName, "bulkId:u")
                    + "}",
                postUserWithManager("m", uniqueEmail("managed"), "bulkId:u"),
                postUser("u", uniqueEmail("forward"))));

    JsonNode operations = response.get("Operations");
    String groupId = idOf(operations.get(0));
    String managedId = idOf(operations.get(1));
    String userId = idOf(operations.get(2));
    assertThat(response)
        .isEqualTo(
            response(
                result("POST", "g", "/Groups/" + groupId, "1", 201, null),
                result("POST", "m", "/Users/" + managedId, "1", 201, null),
                result("POST", "u", "/Users/" + userId, "1", 201, null)));
    JsonNode group = client.get("/Groups/" + groupId).json();
    assertThat(group.get("displayName").textValue()).isEqualTo(displayName);
    assertThat(group.get("members").size()).isEqualTo(1);
    assertThat(group.get("members").get(0).get("value").textValue()).isEqualTo(userId);
    assertThat(
            client
                .get("/Users/" + managedId)
                .json()
                .get(ENTERPRISE)
                .get("manager")
                .get("value")
                .textValue())
        .isEqualTo(userId);
  }

  @Test
  void operationsInACircularReferenceGet409AndChangeNothing() {
    String first = uniqueEmail("circle-a");
    String second = uniqueEmail("circle-b");
    String displayName = unique("Circle");
    String independent = uniqueEmail("independent");

    JsonNode response =
        bulkOk(
            bulk(
                postUserWithManager("a", first, "bulkId:b"),
                postUserWithManager("b", second, "bulkId:a"),
                "{'method':'POST','path':'/Groups','bulkId':'c','data':"
                    + group(displayName, "bulkId:a")
                    + "}",
                postUser("d", independent)));

    String cycle =
        " is part of a circular reference between the POST operations with bulkIds a, b, which cannot be"
            + " resolved; nothing was changed by this operation. Create one without the reference and add"
            + " it with a later PATCH.";
    assertThat(response)
        .isEqualTo(
            response(
                result(
                    "POST",
                    "a",
                    null,
                    null,
                    409,
                    error(409, null, "Operations[0] (bulkId 'a')" + cycle)),
                result(
                    "POST",
                    "b",
                    null,
                    null,
                    409,
                    error(409, null, "Operations[1] (bulkId 'b')" + cycle)),
                result(
                    "POST",
                    "c",
                    null,
                    null,
                    409,
                    error(
                        409,
                        null,
                        "Operations[2] (bulkId 'c') references bulkId:a, whose POST failed; nothing was"
                            + " changed by this operation.")),
                result(
                    "POST",
                    "d",
                    "/Users/" + idOf(response.get("Operations").get(3)),
                    "1",
                    201,
                    null)));
    assertThat(count("/Users", "userName eq \"" + first + "\" or userName eq \"" + second + "\""))
        .isZero();
    assertThat(count("/Groups", "displayName eq \"" + displayName + "\"")).isZero();
    assertThat(count("/Users", "userName eq \"" + independent + "\"")).isEqualTo(1);
  }

  @Test
  void aReferenceToAnUnknownBulkIdIs400AndChangesNothing() {
    String groupId = created("/Groups", json(group(unique("Unknown"))));

    JsonNode response =
        bulkOk(
            bulk(
                "{'method':'PATCH','path':'/Groups/"
                    + groupId
                    + "','data':"
                    + addMembers("bulkId:ghost")
                    + "}",
                "{'method':'DELETE','path':'/Users/bulkId:nobody'}"));

    assertThat(response)
        .isEqualTo(
            response(
                result(
                    "PATCH",
                    null,
                    "/Groups/" + groupId,
                    null,
                    400,
                    error(
                        400,
                        "invalidValue",
                        "Operations[0] references bulkId:ghost, but no POST operation of this request has"
                            + " bulkId 'ghost'; nothing was changed by this operation.")),
                result(
                    "DELETE",
                    null,
                    null,
                    null,
                    400,
                    error(
                        400,
                        "invalidValue",
                        "Operations[1] references bulkId:nobody, but no POST operation of this request has"
                            + " bulkId 'nobody'; nothing was changed by this operation."))));
    HttpResult group = client.get("/Groups/" + groupId);
    assertThat(group.header("ETag")).isEqualTo("W/\"1\"");
    assertThat(group.json().has("members")).as("no members: omitted").isFalse();
  }
}
