package com.classlark.scim.users;

import static com.classlark.scim.testing.Bodies.json;
import static com.classlark.scim.testing.Bodies.staff;
import static com.classlark.scim.testing.Bodies.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's lifecycle rules over HTTP: adoption of hand-made staff by externalId, SCIM
 * management, and concurrent writers; plus the create bodies Entra ID and Okta document.
 */
class UsersLifecycleTest extends ServerPerEngine {

  private static StoredResource createByHand(String userName, String externalId) {
    return server
        .application()
        .services()
        .staff()
        .createByHand(
            server.school().id(),
            Bodies.parse(
                json(
                    "{'userName':'"
                        + userName
                        + "','externalId':'"
                        + externalId
                        + "','name':{'givenName':'Hand','familyName':'Made'},'userType':'Staff','title':'Caretaker'}")));
  }

  private static StoredResource stored(String id) {
    return server.application().services().staff().get(server.school().id(), id);
  }

  @Test
  void postWithTheExternalIdOfAHandMadeRecordAdoptsIt() {
    String userName = uniqueEmail("adopt");
    String externalId = "emp-" + userName;
    StoredResource handMade = createByHand(userName, externalId);
    assertThat(handMade.scimManaged()).isFalse();
    assertThat(client.get("/Users/" + handMade.id()).status()).isEqualTo(200);

    HttpResult adopted =
        client.post(
            "/Users",
            json(
                "{'userName':'"
                    + userName
                    + "','externalId':'"
                    + externalId
                    + "','name':{'givenName':'Jane','familyName':'Doe'},'userType':'Event Manager'}"));

    assertThat(adopted.status()).isEqualTo(201);
    assertThat(adopted.json().path("id").asText()).isEqualTo(handMade.id());
    assertThat(adopted.json().path("userType").asText()).isEqualTo("Event Manager");
    assertThat(adopted.json().has("title")).isFalse();
    assertThat(adopted.json().path("meta").path("created").asText())
        .isEqualTo(handMade.created().toString());
    assertThat(adopted.header("ETag")).isEqualTo("W/\"2\"");
    assertThat(stored(handMade.id()).scimManaged()).isTrue();

    HttpResult again = client.post("/Users", staff(userName));
    assertThat(again.status()).isEqualTo(409);
  }

  @Test
  void adoptionNeedsTheExactExternalId() {
    String userName = uniqueEmail("noadopt");
    createByHand(userName, "EMP-77");

    HttpResult result =
        client.post(
            "/Users",
            json(
                "{'userName':'"
                    + userName
                    + "','externalId':'emp-77','name':{'givenName':'J','familyName':'D'},'userType':'Staff'}"));

    assertThat(result.status()).isEqualTo(409);
    assertThat(result.json().path("scimType").asText()).isEqualTo("uniqueness");
  }

  @Test
  void everySCIMWriteMakesTheRecordScimManaged() {
    String userName = uniqueEmail("managed");
    StoredResource handMade = createByHand(userName, "hm-" + userName);
    String id = client.post("/Users", staff(uniqueEmail("other"))).json().path("id").asText();
    assertThat(stored(id).scimManaged()).isTrue();

    HttpResult put = client.put("/Users/" + handMade.id(), staff(userName));

    assertThat(put.status()).isEqualTo(200);
    assertThat(stored(handMade.id()).scimManaged()).isTrue();
    assertThat(put.header("ETag")).isEqualTo("W/\"2\"");
  }

  @Test
  void deleteRetiresFromScimButKeepsTheStaffRowInactive() {
    String id = client.post("/Users", staff(uniqueEmail("history"))).json().path("id").asText();

    assertThat(client.delete("/Users/" + id).status()).isEqualTo(204);

    Map<String, Object> row =
        server
            .application()
            .services()
            .database()
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery(
                            "SELECT active, retired_at, document FROM staff WHERE account_id = ? AND id = ?")
                        .bind(0, server.school().id())
                        .bind(1, id)
                        .mapToMap()
                        .one());
    assertThat(row.get("retired_at")).isNotNull();
    assertThat(row.get("active")).isIn(false, 0, 0L);
    assertThat(Bodies.parse((String) row.get("document")).path("active").asBoolean()).isFalse();
  }

  @Test
  void concurrentPostsOfOneUserNameCreateExactlyOneRecord() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 5; round++) {
        String userName = uniqueEmail("race" + round);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResult>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          Callable<HttpResult> post =
              () -> {
                start.await();
                return client.post("/Users", staff(userName));
              };
          results.add(pool.submit(post));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<HttpResult> result : results) {
          statuses.add(result.get().status());
        }
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentConditionalReplacesLetExactlyOneWin() throws Exception {
    JsonNode created = client.post("/Users", staff(uniqueEmail("versioned"))).json();
    String id = created.path("id").asText();
    String userName = created.path("userName").asText();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<HttpResult>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String title = "Title " + i;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return client.send(
                      "PUT",
                      "/Users/" + id,
                      json(
                          "{'userName':'"
                              + userName
                              + "','name':{'givenName':'J','familyName':'D'},'userType':'Staff','title':'"
                              + title
                              + "'}"),
                      Map.of("If-Match", "W/\"1\""));
                }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<HttpResult> result : results) {
        statuses.add(result.get().status());
      }
      assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
      assertThat(statuses).filteredOn(status -> status == 412).hasSize(3);
      assertThat(client.get("/Users/" + id).header("ETag")).isEqualTo("W/\"2\"");
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The create body of Microsoft's "Develop and plan provisioning for a SCIM endpoint" (Entra ID),
   * with the school's mapping of userType and an email userName as ClassLark requires.
   */
  @Test
  void entraIdCreateBodyRoundTrips() {
    String userName = uniqueEmail("Test_User");
    HttpResult result =
        client.post(
            "/Users",
            json(
                "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User',"
                    + "'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],"
                    + "'externalId':'0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef','userName':'"
                    + userName
                    + "','active':true,'emails':[{'primary':true,'type':'work','value':'"
                    + userName
                    + "'}],'meta':{'resourceType':'User'},'name':{'formatted':'givenName familyName',"
                    + "'familyName':'familyName','givenName':'givenName'},'roles':[],'userType':'Staff',"
                    + "'title':null,'preferredLanguage':null,"
                    + "'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User':{'department':null,"
                    + "'manager':null}}"));

    assertThat(result.status()).isEqualTo(201);
    assertThat(Bodies.withoutMeta(result.json()))
        .isEqualTo(
            Bodies.parse(
                json(
                    "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],"
                        + "'externalId':'0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef','userName':'"
                        + userName
                        + "','name':{'formatted':'givenName familyName','familyName':'familyName',"
                        + "'givenName':'givenName'},'userType':'Staff','active':true,"
                        + "'emails':[{'value':'"
                        + userName
                        + "','type':'work','primary':true}]}")));
  }

  /**
   * The create body of Okta's SCIM 2.0 reference ("Create the user"), with the userType mapping.
   */
  @Test
  void oktaCreateBodyRoundTrips() {
    String userName = uniqueEmail("test.user");
    HttpResult result =
        client
            .withHeader("Content-Type", "application/json")
            .post(
                "/Users",
                json(
                    "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'userName':'"
                        + userName
                        + "','name':{'givenName':'Test','familyName':'User'},'emails':[{'primary':true,"
                        + "'value':'"
                        + userName
                        + "','type':'work'}],'displayName':'Test User','locale':'en-US',"
                        + "'externalId':'00ujl29u0le5T6Aj10h7','groups':[],'password':'1mz050nq',"
                        + "'active':true,'userType':'Staff'}"));

    assertThat(result.status()).isEqualTo(201);
    assertThat(Bodies.withoutMeta(result.json()))
        .isEqualTo(
            Bodies.parse(
                json(
                    "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],"
                        + "'externalId':'00ujl29u0le5T6Aj10h7','userName':'"
                        + userName
                        + "','name':{'familyName':'User','givenName':'Test'},'displayName':'Test User',"
                        + "'userType':'Staff','locale':'en-US','active':true,"
                        + "'emails':[{'value':'"
                        + userName
                        + "','type':'work','primary':true}]}")));
    assertThat(result.body()).doesNotContain("1mz050nq");
    String id = result.json().path("id").asText();
    assertThat(client.get("/Users/" + id).json()).isEqualTo(result.json());
  }
}
