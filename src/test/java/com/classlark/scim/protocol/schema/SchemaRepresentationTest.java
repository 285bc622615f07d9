package com.classlark.scim.protocol.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaRepresentationTest {

  private static final String BASE_URL = "https://scim.classlark.example/scim/v2";

  private static final List<String> CHARACTERISTICS =
      List.of(
          "name",
          "type",
          "multiValued",
          "description",
          "required",
          "caseExact",
          "mutability",
          "returned",
          "uniqueness");

  private static final MultiValueLimit LIMIT = new MultiValueLimit(25);

  @org.junit.jupiter.api.Test
  void multiValuedAttributesStateTheValueLimitExceptGroupMembers() {
    JsonNode user =
        SchemaRepresentation.schema(ResourceTypes.USER.coreSchema(), BASE_URL, LIMIT)
            .get("attributes");
    JsonNode group =
        SchemaRepresentation.schema(ResourceTypes.GROUP.coreSchema(), BASE_URL, LIMIT)
            .get("attributes");
    List<String> limited = new ArrayList<>();
    for (JsonNode attribute : user) {
      if (attribute.get("description").textValue().endsWith(" At most 25 values.")) {
        limited.add(attribute.get("name").textValue());
      }
    }
    for (JsonNode attribute : group) {
      assertThat(attribute.get("description").textValue()).doesNotContain("At most");
    }
    assertThat(limited)
        .containsExactly(
            "emails",
            "phoneNumbers",
            "ims",
            "photos",
            "addresses",
            "groups",
            "entitlements",
            "roles",
            "x509Certificates");
  }

  static Stream<SchemaDefinition> schemas() {
    return ResourceTypes.schemas().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  void schemaOutputHasNoNullsAnywhere(SchemaDefinition schema) {
    List<String> nulls = new ArrayList<>();
    collectNulls(SchemaRepresentation.schema(schema, BASE_URL, LIMIT), "$", nulls);
    assertThat(nulls).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  void schemaOutputDescribesTheSchemaItIsGeneratedFrom(SchemaDefinition schema) {
    ObjectNode output = SchemaRepresentation.schema(schema, BASE_URL + "/", LIMIT);
    assertThat(output.get("schemas").toString())
        .isEqualTo("[\"urn:ietf:params:scim:schemas:core:2.0:Schema\"]");
    assertThat(output.get("id").textValue()).isEqualTo(schema.id());
    assertThat(output.get("name").textValue()).isEqualTo(schema.name());
    assertThat(output.get("description").textValue()).isEqualTo(schema.description());
    assertThat(output.get("meta").get("resourceType").textValue()).isEqualTo("Schema");
    assertThat(output.get("meta").get("location").textValue())
        .isEqualTo(BASE_URL + "/Schemas/" + schema.id());
    assertAttributesMatch(output.get("attributes"), schema.attributes(), schema.id());
  }

  private static void assertAttributesMatch(
      JsonNode output, List<AttributeDefinition> definitions, String path) {
    assertThat(output.size()).as(path).isEqualTo(definitions.size());
    for (int index = 0; index < definitions.size(); index++) {
      AttributeDefinition definition = definitions.get(index);
      JsonNode attribute = output.get(index);
      String here = path + ":" + definition.name();
      List<String> names = new ArrayList<>();
      attribute.fieldNames().forEachRemaining(names::add);
      assertThat(names).as(here).containsAll(CHARACTERISTICS);
      assertThat(attribute.get("name").textValue()).as(here).isEqualTo(definition.name());
      assertThat(attribute.get("type").textValue())
          .as(here)
          .isEqualTo(definition.type().scimName());
      assertThat(attribute.get("multiValued").booleanValue())
          .as(here)
          .isEqualTo(definition.multiValued());
      assertThat(attribute.get("description").textValue())
          .as(here)
          .isEqualTo(LIMIT.describe(definition))
          .isNotBlank();
      assertThat(attribute.get("required").booleanValue())
          .as(here)
          .isEqualTo(definition.required());
      assertThat(attribute.get("caseExact").booleanValue())
          .as(here)
          .isEqualTo(definition.caseExact());
      assertThat(attribute.get("mutability").textValue())
          .as(here)
          .isEqualTo(definition.mutability().scimName());
      assertThat(attribute.get("returned").textValue())
          .as(here)
          .isEqualTo(definition.returned().scimName());
      assertThat(attribute.get("uniqueness").textValue())
          .as(here)
          .isEqualTo(definition.uniqueness().scimName());
      assertThat(textList(attribute.get("canonicalValues")))
          .as(here)
          .isEqualTo(definition.canonicalValues());
      assertThat(attribute.has("canonicalValues"))
          .as(here)
          .isEqualTo(!definition.canonicalValues().isEmpty());
      assertThat(attribute.has("referenceTypes"))
          .as(here)
          .isEqualTo(definition.type() == AttributeType.REFERENCE);
      assertThat(textList(attribute.get("referenceTypes")))
          .as(here)
          .isEqualTo(definition.referenceTypes());
      assertThat(attribute.has("subAttributes")).as(here).isEqualTo(definition.isComplex());
      if (definition.isComplex()) {
        assertAttributesMatch(attribute.get("subAttributes"), definition.subAttributes(), here);
      }
    }
  }

  @Test
  void userResourceTypeListsBothExtensionsAsOptional() throws Exception {
    ObjectNode output = SchemaRepresentation.resourceType(ResourceTypes.USER, BASE_URL);
    assertThat(output)
        .isEqualTo(
            new ObjectMapper()
                .readTree(
                    """
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
                     "id": "User",
                     "name": "User",
                     "endpoint": "/Users",
                     "description": "Staff members of the school",
                     "schema": "urn:ietf:params:scim:schemas:core:2.0:User",
                     "schemaExtensions": [
                       {"schema": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                        "required": false},
                       {"schema":
                          "urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User",
                        "required": false}],
                     "meta": {"resourceType": "ResourceType",
                              "location": "https://scim.classlark.example/scim/v2/ResourceTypes/User"}}
                    """));
  }

  @Test
  void groupResourceTypeHasAnEmptyExtensionListNotNull() {
    ObjectNode output = SchemaRepresentation.resourceType(ResourceTypes.GROUP, BASE_URL);
    assertThat(output.get("schemaExtensions").isArray()).isTrue();
    assertThat(output.get("schemaExtensions").size()).isZero();
    assertThat(output.get("endpoint").textValue()).isEqualTo("/Groups");
    assertThat(output.get("schema").textValue())
        .isEqualTo("urn:ietf:params:scim:schemas:core:2.0:Group");
    List<String> nulls = new ArrayList<>();
    collectNulls(output, "$", nulls);
    assertThat(nulls).isEmpty();
  }

  private static List<String> textList(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null) {
      array.forEach(value -> values.add(value.textValue()));
    }
    return values;
  }

  private static void collectNulls(JsonNode node, String path, List<String> nulls) {
    if (node.isNull()) {
      nulls.add(path);
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        collectNulls(field.getValue(), path + "." + field.getKey(), nulls);
      }
    } else if (node.isArray()) {
      for (int index = 0; index < node.size(); index++) {
        collectNulls(node.get(index), path + "[" + index + "]", nulls);
      }
    }
  }
}
