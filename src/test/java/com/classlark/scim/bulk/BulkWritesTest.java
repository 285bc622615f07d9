package com.classlark.scim.bulk;

import static com.classlark.scim.testing.Bodies.error;
import static com.classlark.scim.testing.Bodies.json;
import static com.classlark.scim.testing.Bodies.staff;
import static com.classlark.scim.testing.Bodies.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.HttpResult;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Bulk writes: versions as {@code If-Match}, methods in any case, locations (RFC 7644 §3.7). */
class BulkWritesTest extends BulkExchanges {
  @Test
  void writesCarryTheirVersionAsIfMatch() {
    String userName = uniqueEmail("versioned");
    String userId = created("/Users", staff(userName));
    String groupId = created("/Groups", json(group(unique("Versioned"))));
    String renamed = unique("Renamed");
    String stale =
        error(
            412,
            null,
            "The resource has changed: its current version is W/\"2\". Read it again and retry with that"
                + " If-Match.");

    JsonNode response =
        bulkOk(
            bulk(
                "{'method':'PUT','path':'/Users/"
                    + userId
                    + "','version':'W/\\'1\\'','data':"
                    + staff(userName).replace("Doe", "Dough")
                    + "}",
                "{'method':'PATCH','path':'/Users/"
                    + userId
                    + "','version':'W/\\'1\\'','data':"
                    + "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':"
                    + "'replace','path':'title','value':'Stale'}]}}",
                "{'method':'PATCH','path':'/Groups/"
                    + groupId
                    + "','version':'\\'1\\'','data':"
                    + "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':"
                    + "'replace','path':'displayName','value':'"
                    + renamed
                    + "'}]}}",
                "{'method':'DELETE','path':'/Groups/" + groupId + "','version':'W/\\'1\\''}",
                "{'method':'DELETE','path':'/Users/" + userId + "','version':'W/\\'2\\''}"));

    assertThat(response)
        .isEqualTo(
            response(
                result("PUT", null, "/Users/" + userId, "2", 200, null),
                result("PATCH", null, "/Users/" + userId, null, 412, stale),
                result("PATCH", null, "/Groups/" + groupId, "2", 204, null),
                result("DELETE", null, "/Groups/" + groupId, null, 412, stale),
                result("DELETE", null, "/Users/" + userId, null, 204, null)));
    assertThat(client.get("/Users/" + userId).status()).isEqualTo(404);
    HttpResult group = client.get("/Groups/" + groupId);
    assertThat(group.header("ETag")).isEqualTo("W/\"2\"");
    assertThat(group.json().get("displayName").textValue()).isEqualTo(renamed);
  }

  @Test
  void methodsInAnyCaseWorkAndLocationsFollowTheScimV2Prefix() {
    String userName = uniqueEmail("lower");
    HttpResult result =
        client.post(
            "/scim/v2/Bulk",
            bulk(
                "{'method':'post','path':'Users','bulkId':'x','data':" + staff(userName) + "}",
                "{'method':'Delete','path':'/Users/bulkId:x'}"));

    assertThat(result.status()).isEqualTo(200);
    String location = result.json().get("Operations").get(0).get("location").textValue();
    String id = location.substring(location.lastIndexOf('/') + 1);
    assertThat(location).isEqualTo(server.baseUrl() + "/scim/v2/Users/" + id);
    assertThat(result.json().get("Operations").get(1).toString())
        .isEqualTo(
            "{\"method\":\"DELETE\",\"location\":\""
                + server.baseUrl()
                + "/scim/v2/Users/"
                + id
                + "\",\"status\":\"204\"}");
    assertThat(count("/Users", "userName eq \"" + userName + "\"")).isZero();
  }
}
