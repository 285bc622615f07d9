package com.classlark.scim.protocol.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.protocol.schema.ResourceTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The run order, unknown references and cycles of bulk requests, as one line per step. */
class BulkPlanTest {

  /**
   * Operations written compactly: {@code POST a -> b c} is a POST with bulkId {@code a} whose data
   * references {@code bulkId:b} and {@code bulkId:c}; {@code PATCH @a} patches {@code
   * /Users/bulkId:a}.
   */
  private static List<String> plan(String... operations) {
    StringBuilder operationsJson = new StringBuilder();
    for (String operation : operations) {
      String[] parts = operation.split(" -> ");
      String[] head = parts[0].split(" ");
      StringBuilder data = new StringBuilder("{\"members\":[");
      if (parts.length > 1) {
        List<String> values = new ArrayList<>();
        for (String reference : parts[1].split(" ")) {
          values.add("{\"value\":\"bulkId:" + reference + "\"}");
        }
        data.append(String.join(",", values));
      }
      data.append("]}");
      String path = head[1].startsWith("@") ? "/Groups/bulkId:" + head[1].substring(1) : "/Groups";
      String bulkId = head[1].startsWith("@") ? "" : ",\"bulkId\":\"" + head[1] + "\"";
      if (!operationsJson.isEmpty()) {
        operationsJson.append(',');
      }
      operationsJson.append(
          "{\"method\":\""
              + head[0]
              + "\",\"path\":\""
              + path
              + "\""
              + bulkId
              + ",\"data\":"
              + data
              + "}");
    }
    BulkRequest request =
        BulkRequest.parse(
            Json.parse(
                ("{\"schemas\":[\""
                        + BulkRequest.SCHEMA
                        + "\"],\"Operations\":["
                        + operationsJson
                        + "]}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            100);
    List<String> steps = new ArrayList<>();
    for (BulkPlan.Step step : BulkPlan.of(request.operations()).steps()) {
      steps.add(
          switch (step) {
            case BulkPlan.Step.Run(var operation, var references) ->
                "run " + operation.index() + (references.isEmpty() ? "" : " after " + references);
            case BulkPlan.Step.UnknownReference(var operation, var bulkId) ->
                "unknown " + operation.index() + " " + bulkId;
            case BulkPlan.Step.Circular(var operation, var cycle) ->
                "cycle " + operation.index() + " " + cycle;
          });
    }
    return steps;
  }

  static Stream<Arguments> plans() {
    return Stream.of(
        Arguments.of(List.of("POST a", "POST b"), List.of("run 0", "run 1")),
        Arguments.of(List.of("POST g -> u", "POST u"), List.of("run 1", "run 0 after [u]")),
        Arguments.of(
            List.of("POST g -> u v", "PATCH @g -> w", "POST v -> w", "POST u", "POST w"),
            List.of(
                "run 3", "run 4", "run 2 after [w]", "run 0 after [u, v]", "run 1 after [g, w]")),
        Arguments.of(List.of("POST a -> ghost", "POST b"), List.of("unknown 0 ghost", "run 1")),
        Arguments.of(List.of("PATCH @nobody"), List.of("unknown 0 nobody")),
        Arguments.of(List.of("POST a -> a"), List.of("cycle 0 [a]")),
        Arguments.of(
            List.of("POST a -> b", "POST b -> a", "POST c -> a", "POST d"),
            List.of("cycle 1 [a, b]", "cycle 0 [a, b]", "run 2 after [a]", "run 3")),
        Arguments.of(
            List.of("POST a -> b", "POST b -> c", "POST c -> a", "POST x -> y", "POST y"),
            List.of(
                "cycle 2 [a, b, c]",
                "cycle 1 [a, b, c]",
                "cycle 0 [a, b, c]",
                "run 4",
                "run 3 after [y]")));
  }

  @ParameterizedTest
  @MethodSource("plans")
  void stepsRunReferencedPostsFirstAndSetAsideUnknownAndCircularReferences(
      List<String> operations, List<String> expected) {
    assertThat(plan(operations.toArray(String[]::new))).containsExactlyElementsOf(expected);
  }

  @Test
  void aLongChainOfReferencesNeedsNoDeepRecursion() {
    // n0 references n1, which references n2, …: n49999 runs first and n0 last.
    int length = 50_000;
    List<BulkOperation> parsed = new ArrayList<>();
    for (int index = 0; index < length; index++) {
      parsed.add(
          new BulkOperation(
              index,
              BulkMethod.POST,
              ResourceTypes.GROUP,
              null,
              "n" + index,
              null,
              Json.object()
                  .put("displayName", index + 1 < length ? "bulkId:n" + (index + 1) : "last")));
    }

    List<BulkPlan.Step> steps = BulkPlan.of(parsed).steps();

    assertThat(steps).hasSize(length);
    assertThat(steps.get(0).operation().index()).isEqualTo(length - 1);
    assertThat(steps.get(length - 1).operation().index()).isZero();
  }
}
