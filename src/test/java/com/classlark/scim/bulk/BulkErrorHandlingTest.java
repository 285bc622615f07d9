package com.classlark.scim.bulk;

import static com.classlark.scim.testing.Bodies.error;
import static com.classlark.scim.testing.Bodies.json;
import static com.classlark.scim.testing.Bodies.staff;
import static com.classlark.scim.testing.Bodies.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.HttpResult;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Failed bulk operations: {@code failOnErrors} and the independence of operations (RFC 7644
 * §3.7.3).
 */
class BulkErrorHandlingTest extends BulkExchanges {
  @Test
  void failOnErrorsStopsAfterThatManyErrorsAndSkipsTheRest() {
    String taken = uniqueEmail("taken");
    created("/Users", staff(taken));
    String first = uniqueEmail("first");
    String never = uniqueEmail("never");

    JsonNode response =
        bulkOk(
            json(
                    "{'schemas':['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],'failOnErrors':1,'Operations':[")
                + String.join(
                        ",",
                        postUser("one", first),
                        postUser("two", taken.toUpperCase(java.util.Locale.ROOT)),
                        postUser("three", never))
                    .replace('\'', '"')
                + "]}");

    assertThat(response)
        .isEqualTo(
            response(
                result(
                    "POST",
                    "one",
                    "/Users/" + idOf(response.get("Operations").get(0)),
                    "1",
                    201,
                    null),
                result(
                    "POST",
                    "two",
                    null,
                    null,
                    409,
                    error(
                        409,
                        "uniqueness",
                        "userName '"
                            + taken.toUpperCase(java.util.Locale.ROOT)
                            + "' is already taken by another staff member of this school (compared ignoring"
                            + " case)."))));
    assertThat(count("/Users", "userName eq \"" + first + "\"")).isEqualTo(1);
    assertThat(count("/Users", "userName eq \"" + never + "\"")).isZero();
  }

  @Test
  void aFailedOperationLeavesTheOthersFullyApplied() {
    String existingName = uniqueEmail("existing");
    String existingId = created("/Users", staff(existingName));
    String groupId = created("/Groups", json(group(unique("Applied"))));
    String newName = uniqueEmail("new");
    String badPatch =
        json(
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'replace',"
                + "'path':'userType','value':'Teacher'}]}");
    HttpResult singleEndpointAnswer = client.patch("/Users/" + existingId, badPatch);
    assertThat(singleEndpointAnswer.status()).isEqualTo(400);

    JsonNode response =
        bulkOk(
            bulk(
                postUser("n", newName),
                postUser("dup", existingName),
                "{'method':'PUT','path':'/Users/"
                    + existingId
                    + "','data':"
                    + staff(existingName).replace("Jane", "Janet")
                    + "}",
                "{'method':'PATCH','path':'/Groups/"
                    + groupId
                    + "','data':"
                    + addMembers("bulkId:n")
                    + "}",
                "{'method':'PATCH','path':'/Users/" + existingId + "','data':" + badPatch + "}"));

    String newId = idOf(response.get("Operations").get(0));
    assertThat(response)
        .isEqualTo(
            response(
                result("POST", "n", "/Users/" + newId, "1", 201, null),
                result(
                    "POST",
                    "dup",
                    null,
                    null,
                    409,
                    error(
                        409,
                        "uniqueness",
                        "userName '"
                            + existingName
                            + "' is already taken by another staff member of this school (compared ignoring"
                            + " case).")),
                result("PUT", null, "/Users/" + existingId, "2", 200, null),
                result("PATCH", null, "/Groups/" + groupId, "2", 204, null),
                result(
                    "PATCH",
                    null,
                    "/Users/" + existingId,
                    null,
                    400,
                    singleEndpointAnswer.body())));
    HttpResult existing = client.get("/Users/" + existingId);
    assertThat(existing.header("ETag")).isEqualTo("W/\"2\"");
    assertThat(existing.json().get("name").get("givenName").textValue()).isEqualTo("Janet");
    assertThat(existing.json().get("userType").textValue()).isEqualTo("Staff");
    JsonNode group = client.get("/Groups/" + groupId).json();
    assertThat(group.get("members").get(0).get("value").textValue()).isEqualTo(newId);
    assertThat(group.get("meta").get("version").textValue()).isEqualTo("W/\"2\"");
    assertThat(count("/Users", "userName eq \"" + newName + "\"")).isEqualTo(1);
  }
}
