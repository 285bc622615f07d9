package com.classlark.scim.bulk;

import static com.classlark.scim.testing.Bodies.error;
import static com.classlark.scim.testing.Bodies.json;
import static com.classlark.scim.testing.Bodies.staff;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Base of the {@code POST /Bulk} HTTP test classes (RFC 7644 §3.7): request and expected-response
 * builders and the checks they share, over {@link ServerPerEngine}'s server.
 */
abstract class BulkExchanges extends ServerPerEngine {
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  static String bulk(String... operations) {
    return json("{'schemas':['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],'Operations':[")
        + String.join(",", operations).replace('\'', '"')
        + "]}";
  }

  static String postUser(String bulkId, String userName) {
    return "{'method':'POST','path':'/Users','bulkId':'"
        + bulkId
        + "','data':"
        + staff(userName)
        + "}";
  }

  static String postUserWithManager(String bulkId, String userName, String manager) {
    return "{'method':'POST','path':'/Users','bulkId':'"
        + bulkId
        + "','data':{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User','"
        + ENTERPRISE
        + "'],'userName':'"
        + userName
        + "','name':{'givenName':'Max','familyName':'Mustermann'},'userType':'Staff','"
        + ENTERPRISE
        + "':{'manager':{'value':'"
        + manager
        + "'}}}}";
  }

  static String group(String displayName, String... memberValues) {
    List<String> members = new ArrayList<>();
    for (String value : memberValues) {
      members.add("{'value':'" + value + "'}");
    }
    return "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'displayName':'"
        + displayName
        + "','members':["
        + String.join(",", members)
        + "]}";
  }

  static String addMembers(String... memberValues) {
    List<String> members = new ArrayList<>();
    for (String value : memberValues) {
      members.add("{'value':'" + value + "'}");
    }
    return "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'add',"
        + "'path':'members','value':["
        + String.join(",", members)
        + "]}]}";
  }

  static String unique(String prefix) {
    return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  static JsonNode bulkOk(String body) {
    HttpResult result = client.post("/Bulk", body);
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    assertThat(result.header("Content-Type")).isEqualTo("application/scim+json; charset=utf-8");
    return result.json();
  }

  static String created(String path, String body) {
    HttpResult result = client.post(path, body);
    assertThat(result.status()).as(result.body()).isEqualTo(201);
    return result.json().get("id").textValue();
  }

  static int count(String endpoint, String filter) {
    HttpResult result =
        client.get(endpoint + "?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    return result.json().get("totalResults").intValue();
  }

  static String idOf(JsonNode operation) {
    String location = operation.get("location").textValue();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** One expected entry of a BulkResponse; nulls are left out. */
  static String result(
      String method, String bulkId, String location, String version, int status, String error) {
    StringBuilder entry = new StringBuilder("{\"method\":\"" + method + "\"");
    if (bulkId != null) {
      entry.append(",\"bulkId\":\"").append(bulkId).append('"');
    }
    if (location != null) {
      entry.append(",\"location\":\"").append(server.baseUrl()).append(location).append('"');
    }
    if (version != null) {
      entry.append(",\"version\":\"W/\\\"").append(version).append("\\\"\"");
    }
    entry.append(",\"status\":\"").append(status).append('"');
    if (error != null) {
      entry.append(",\"response\":").append(error);
    }
    return entry.append('}').toString();
  }

  static JsonNode response(String... results) {
    return Bodies.parse(
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkResponse\"],\"Operations\":["
            + String.join(",", results)
            + "]}");
  }
}
