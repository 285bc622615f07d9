package com.classlark.scim.protocol.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResolvedAttributeTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String PLANNER =
      "urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User";

  private static ResolvedAttribute user(String schema, String attribute, String sub) {
    return ResourceTypes.USER.resolve(new AttrPath(schema, attribute, sub)).orElseThrow();
  }

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) MAPPER.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void canonicalPathUsesTheSchemasNamesAndQualifiesOnlyExtensions() {
    assertThat(user(null, "NAME", "GIVENNAME").canonicalPath()).isEqualTo("name.givenName");
    assertThat(user(PLANNER, "ROOM", null).canonicalPath()).isEqualTo(PLANNER + ":room");
    assertThat(user(null, "emails", null).withSub(null).path()).isEqualTo(AttrPath.of("emails"));
  }

  @Test
  void valuesReachEveryValueOfAMultiValuedAttributeWhateverTheCaseOfItsNames() {
    ObjectNode resource =
        json(
            """
            {"EMAILS": [{"Value": "a@example.com"}, {"value": "b@example.com"}, {"type": "x"}],
             "name": {"givenName": "Ada"}}""");

    assertThat(user(null, "emails", "value").values(resource).stream().map(JsonNode::asText))
        .containsExactly("a@example.com", "b@example.com");
    assertThat(user(null, "name", "givenName").values(resource))
        .containsExactly(TextNode.valueOf("Ada"));
    assertThat(user(null, "nickName", null).values(resource)).isEmpty();
  }

  @Test
  void setCreatesTheExtensionObjectAndRemoveDropsItWhenEmpty() {
    ObjectNode resource = json("{\"userName\": \"a@example.com\"}");
    ResolvedAttribute room = user(PLANNER, "room", null);

    room.set(resource, TextNode.valueOf("A113"));
    assertThat(resource)
        .isEqualTo(
            json("{\"userName\": \"a@example.com\", \"" + PLANNER + "\": {\"room\": \"A113\"}}"));
    assertThat(room.get(resource)).isEqualTo(TextNode.valueOf("A113"));

    room.remove(resource);
    assertThat(resource).isEqualTo(json("{\"userName\": \"a@example.com\"}"));
    assertThat(room.get(resource).isMissingNode()).isTrue();
  }

  @Test
  void sortKeyFollowsTheTypeTheCaseRulesAndThePrimaryValue() {
    ObjectNode resource =
        json(
            """
            {"userName": "Bea@Example.com", "id": "Abc",
             "emails": [{"value": "first@example.com"},
                        {"value": "Primary@example.com", "primary": true}],
             "meta": {"created": "2026-01-01T01:00:00+01:00"},
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
               {"employeeNumber": "0042"}}""");

    assertThat(user(null, "userName", null).sortKey(resource)).isEqualTo("bea@example.com");
    assertThat(user(null, "id", null).sortKey(resource)).isEqualTo("Abc");
    assertThat(user(null, "emails", "value").sortKey(resource)).isEqualTo("primary@example.com");
    assertThat(user(null, "meta", "created").sortKey(resource))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(user(null, "nickName", null).sortKey(resource)).isNull();
    assertThat(
            user(
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                    "employeeNumber",
                    null)
                .sortKey(resource))
        .isEqualTo("0042");
    assertThat(user(null, "active", null).sortKey(json("{\"active\": false}"))).isEqualTo(false);
    assertThat(
            ResolvedAttribute.elements(json("{\"a\": [1, 2]}").get("a")).stream()
                .map(JsonNode::decimalValue))
        .containsExactly(BigDecimal.ONE, BigDecimal.TWO);
  }

  @Test
  void sortKeysWithoutAValueCompareLast() {
    List<String> keys = new java.util.ArrayList<>(java.util.Arrays.asList(null, "b", "a", null));
    keys.sort(ResolvedAttribute::compareSortKeys);
    assertThat(keys).containsExactly("a", "b", null, null);
  }
}
