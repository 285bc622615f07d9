package com.classlark.scim.discovery;

import static com.classlark.scim.testing.Bodies.error;
import static com.classlark.scim.testing.Bodies.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.protocol.schema.AttributeDefinition;
import com.classlark.scim.protocol.schema.DiscoverySchemas;
import com.classlark.scim.protocol.schema.MultiValueLimit;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.classlark.scim.protocol.schema.SchemaDefinition;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /Schemas} and {@code /ResourceTypes} over HTTP, compared with the schema model (RFC 7643
 * §6–§7).
 */
class DiscoveryTest extends ServerPerEngine {

  private static JsonNode ok(HttpResult result) {
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    assertThat(result.header("Content-Type")).isEqualTo("application/scim+json; charset=utf-8");
    return result.json();
  }

  @Test
  void schemasListsTheResourceAndDiscoverySchemasInOneListResponse() {
    JsonNode list = ok(client.get("/Schemas"));

    assertThat(list.get("schemas").toString())
        .isEqualTo("[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"]");
    assertThat(list.get("totalResults").intValue()).isEqualTo(7);
    assertThat(list.get("itemsPerPage").intValue()).isEqualTo(7);
    assertThat(list.get("startIndex").intValue()).isEqualTo(1);
    List<String> ids = new ArrayList<>();
    list.get("Resources").forEach(schema -> ids.add(schema.get("id").textValue()));
    assertThat(ids)
        .containsExactly(
            "urn:ietf:params:scim:schemas:core:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
            "urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User",
            "urn:ietf:params:scim:schemas:core:2.0:Group",
            "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
            "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
            "urn:ietf:params:scim:schemas:core:2.0:Schema");
  }

  /**
   * RFC 7643 §5–§7: every member of a served discovery resource is an attribute of its schema, as
   * {@code /Schemas/{urn}} serves it, so a client can read discovery with the schemas alone.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/ServiceProviderConfig",
        "/ResourceTypes/User",
        "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"
      })
  void everyMemberOfADiscoveryResourceIsDescribedByTheSchemaItNames(String endpoint) {
    JsonNode resource = ok(client.get(endpoint));
    String urn = resource.get("schemas").get(0).textValue();
    JsonNode schema = ok(client.get("/Schemas/" + urn));
    assertThat(schema.get("id").textValue()).isEqualTo(urn);
    List<String> undescribed = new ArrayList<>();
    collectUndescribed(resource, schema.get("attributes"), "", undescribed);
    assertThat(undescribed).as(endpoint).isEmpty();
  }

  private static void collectUndescribed(
      JsonNode resource, JsonNode attributes, String path, List<String> undescribed) {
    resource
        .fields()
        .forEachRemaining(
            member -> {
              if (path.isEmpty() && Set.of("schemas", "meta").contains(member.getKey())) {
                return;
              }
              JsonNode attribute = null;
              for (JsonNode candidate : attributes) {
                if (candidate.get("name").textValue().equals(member.getKey())) {
                  attribute = candidate;
                }
              }
              if (attribute == null) {
                undescribed.add(path + member.getKey());
                return;
              }
              List<JsonNode> values = new ArrayList<>();
              if (member.getValue().isArray()) {
                member.getValue().forEach(values::add);
              } else {
                values.add(member.getValue());
              }
              for (JsonNode value : values) {
                if (value.isObject()) {
                  collectUndescribed(
                      value,
                      attribute.path("subAttributes"),
                      path + member.getKey() + ".",
                      undescribed);
                }
              }
            });
  }

  @Test
  void everyServedSchemaStatesEachAttributeOfTheModelWithAllItsCharacteristics() {
    JsonNode list = ok(client.get("/Schemas"));
    List<SchemaDefinition> model = new ArrayList<>(ResourceTypes.schemas());
    model.addAll(DiscoverySchemas.ALL);
    assertThat(list.get("Resources").size()).isEqualTo(model.size());
    for (int index = 0; index < model.size(); index++) {
      SchemaDefinition schema = model.get(index);
      JsonNode served = list.get("Resources").get(index);
      assertThat(served.get("schemas").toString())
          .isEqualTo("[\"urn:ietf:params:scim:schemas:core:2.0:Schema\"]");
      assertThat(served.get("id").textValue()).isEqualTo(schema.id());
      assertThat(served.get("name").textValue()).isEqualTo(schema.name());
      assertThat(served.get("description").textValue()).isEqualTo(schema.description());
      assertThat(served.get("meta").toString())
          .isEqualTo(
              "{\"resourceType\":\"Schema\",\"location\":\""
                  + server.baseUrl()
                  + "/Schemas/"
                  + schema.id()
                  + "\"}");
      assertAttributes(served.get("attributes"), schema.attributes(), schema.id());
    }
  }

  private static void assertAttributes(
      JsonNode served, List<AttributeDefinition> model, String path) {
    assertThat(served.size()).as(path).isEqualTo(model.size());
    for (int index = 0; index < model.size(); index++) {
      AttributeDefinition definition = model.get(index);
      JsonNode attribute = served.get(index);
      String here = path + ":" + definition.name();
      assertThat(attribute.get("name").textValue()).as(here).isEqualTo(definition.name());
      assertThat(attribute.get("type").textValue())
          .as(here)
          .isEqualTo(definition.type().scimName());
      assertThat(attribute.get("multiValued").booleanValue())
          .as(here)
          .isEqualTo(definition.multiValued());
      assertThat(attribute.get("description").textValue())
          .as(here)
          .isEqualTo(MultiValueLimit.DEFAULT.describe(definition));
      assertThat(attribute.get("required").booleanValue())
          .as(here)
          .isEqualTo(definition.required());
      assertThat(attribute.get("caseExact").booleanValue())
          .as(here)
          .isEqualTo(definition.caseExact());
      assertThat(attribute.get("mutability").textValue())
          .as(here)
          .isEqualTo(definition.mutability().scimName())
          .isIn("readOnly", "readWrite", "immutable", "writeOnly");
      assertThat(attribute.get("returned").textValue())
          .as(here)
          .isEqualTo(definition.returned().scimName())
          .isIn("always", "never", "default", "request");
      assertThat(attribute.get("uniqueness").textValue())
          .as(here)
          .isEqualTo(definition.uniqueness().scimName())
          .isIn("none", "server", "global");
      assertThat(strings(attribute.get("canonicalValues")))
          .as(here)
          .isEqualTo(definition.canonicalValues());
      if (definition.type().scimName().equals("reference")) {
        assertThat(strings(attribute.get("referenceTypes")))
            .as(here)
            .isEqualTo(definition.referenceTypes());
      } else {
        assertThat(attribute.has("referenceTypes")).as(here).isFalse();
      }
      if (definition.isComplex()) {
        assertAttributes(attribute.get("subAttributes"), definition.subAttributes(), here);
      } else {
        assertThat(attribute.has("subAttributes")).as(here).isFalse();
      }
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null) {
      array.forEach(value -> values.add(value.textValue()));
    }
    return values;
  }

  @ParameterizedTest
  @ValueSource(strings = {"/Schemas", "/ResourceTypes", "/ServiceProviderConfig"})
  void discoveryOutputHasNoJsonNulls(String endpoint) {
    List<String> nulls = new ArrayList<>();
    collectNulls(ok(client.get(endpoint)), "$", nulls);
    assertThat(nulls).isEmpty();
  }

  private static void collectNulls(JsonNode node, String path, List<String> nulls) {
    if (node.isNull()) {
      nulls.add(path);
    } else if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field -> collectNulls(field.getValue(), path + "." + field.getKey(), nulls));
    } else if (node.isArray()) {
      for (int index = 0; index < node.size(); index++) {
        collectNulls(node.get(index), path + "[" + index + "]", nulls);
      }
    }
  }

  @Test
  void userNameAndMeetingUrlAreDescribedAsRfc7643AndClassLarkDefineThem() {
    JsonNode core = ok(client.get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"));
    assertThat(core.get("attributes").get(0))
        .isEqualTo(
            Bodies.parse(
                json("{'name':'userName','type':'string','multiValued':false,'description':'The staff"
                        + " member''s sign-in email address; unique within the school, compared without"
                        + " regard to case.','required':true,'caseExact':false,'mutability':'readWrite',"
                        + "'returned':'default','uniqueness':'server'}")
                    .replace("\"\"", "'")));
    JsonNode classLark =
        ok(
            client.get(
                "/Schemas/urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User"));
    assertThat(classLark.get("attributes").get(2))
        .isEqualTo(
            Bodies.parse(
                json("{'name':'meetingUrl','type':'reference','multiValued':false,'description':'The"
                        + " staff member''s default online meeting link, an absolute http or https URL;"
                        + " ClassLark sends it to parents who book an online appointment.','required':false,"
                        + "'caseExact':true,'mutability':'readWrite','returned':'default',"
                        + "'uniqueness':'none','referenceTypes':['external']}")
                    .replace("\"\"", "'")));
  }

  @Test
  void oneSchemaIsFoundByItsUrnIgnoringCaseAndEqualsItsListEntry() {
    JsonNode listed = ok(client.get("/Schemas")).get("Resources").get(1);

    JsonNode found =
        ok(client.get("/Schemas/URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER"));

    assertThat(found).isEqualTo(listed);
    assertThat(found.get("id").textValue())
        .isEqualTo("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
  }

  @Test
  void unknownSchemaIs404() {
    HttpResult result = client.get("/Schemas/urn:example:unknown");

    assertThat(result.status()).isEqualTo(404);
    assertThat(result.json())
        .isEqualTo(
            Bodies.parse(
                error(
                    404,
                    null,
                    "No schema urn:example:unknown is served here; GET /Schemas lists the 7 schemas"
                        + " this service uses.")));
  }

  @Test
  void resourceTypesListsUserWithBothExtensionsAndGroup() {
    String base = server.baseUrl();
    JsonNode list = ok(client.get("/ResourceTypes"));

    assertThat(list)
        .isEqualTo(
            Bodies.parse(
                json(
                    "{'schemas':['urn:ietf:params:scim:api:messages:2.0:ListResponse'],'totalResults':2,"
                        + "'itemsPerPage':2,'startIndex':1,'Resources':["
                        + "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],'id':'User',"
                        + "'name':'User','endpoint':'/Users','description':'Staff members of the school',"
                        + "'schema':'urn:ietf:params:scim:schemas:core:2.0:User','schemaExtensions':["
                        + "{'schema':'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User','required':false},"
                        + "{'schema':'urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User',"
                        + "'required':false}],"
                        + "'meta':{'resourceType':'ResourceType','location':'"
                        + base
                        + "/ResourceTypes/User'}},"
                        + "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],'id':'Group',"
                        + "'name':'Group','endpoint':'/Groups','description':'Staff groups of the school',"
                        + "'schema':'urn:ietf:params:scim:schemas:core:2.0:Group','schemaExtensions':[],"
                        + "'meta':{'resourceType':'ResourceType','location':'"
                        + base
                        + "/ResourceTypes/Group'}}]}")));
  }

  @Test
  void oneResourceTypeIsFoundByNameIgnoringCaseAndUnknownIs404() {
    JsonNode listed = ok(client.get("/ResourceTypes")).get("Resources").get(1);

    assertThat(ok(client.get("/ResourceTypes/group"))).isEqualTo(listed);
    HttpResult unknown = client.get("/ResourceTypes/Device");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json())
        .isEqualTo(
            Bodies.parse(
                error(
                    404,
                    null,
                    "No resource type Device is served here; the resource types are User and Group.")));
  }

  @Test
  void locationsUnderScimV2StayUnderScimV2() {
    JsonNode type = ok(client.get("/scim/v2/ResourceTypes/User"));
    assertThat(type.get("meta").get("location").textValue())
        .isEqualTo(server.baseUrl() + "/scim/v2/ResourceTypes/User");
    JsonNode schema =
        ok(client.get("/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group"));
    assertThat(schema.get("meta").get("location").textValue())
        .isEqualTo(
            server.baseUrl() + "/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/Schemas",
        "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User",
        "/ResourceTypes",
        "/scim/v2/ResourceTypes/User"
      })
  void discoveryNeedsTheToken(String path) {
    HttpResult result = new ScimClient(server.baseUrl(), Map.of()).get(path);

    assertThat(result.status()).isEqualTo(401);
    assertThat(result.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"ClassLark SCIM\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/Schemas", "/ResourceTypes", "/ServiceProviderConfig"})
  void aFilterOnADiscoveryEndpointIs403(String endpoint) {
    HttpResult result = client.get(endpoint + "?filter=id+eq+%22User%22");

    assertThat(result.status()).isEqualTo(403);
    assertThat(result.json())
        .isEqualTo(
            Bodies.parse(
                error(
                    403,
                    null,
                    "Filtering is not supported on "
                        + endpoint
                        + "; request it without a filter.")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "POST", "PUT", "PATCH", "DELETE"})
  void meIsNotImplementedBecauseTokensBelongToSchools(String method) {
    HttpResult result =
        client.send(method, "/Me", Set.of("POST", "PUT", "PATCH").contains(method) ? "{}" : null);

    assertThat(result.status()).isEqualTo(501);
    assertThat(result.json())
        .isEqualTo(
            Bodies.parse(
                error(
                    501,
                    null,
                    "/Me is not supported: tokens belong to schools, not to people, so a request has no"
                        + " authenticated subject. Use /Users/{id} instead.")));
  }
}
