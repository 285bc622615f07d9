package com.classlark.scim.protocol.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests: every PATCH example of RFC 7644 §3.5.2.1–3.5.2.3, each a file under {@code
 * patch/rfc7644/} with the resource before, the request exactly as the RFC prints it (ids written
 * out where the RFC elides them with "...") and the resource after. Users are adapted to valid
 * ClassLark staff. For groups, members go through {@link GroupPatchPlan} and a set of member ids
 * stands in for the membership table.
 */
class PatchRfcExamplesTest {

  private static final String GROUP_ID = "acbf3ae7-8463-4692-b4fd-9b4da3f908ce";
  private static final String USER_ID = "2819c223-7f76-453a-919d-413861904646";

  static Stream<Path> examples() throws IOException, URISyntaxException {
    Path folder = Path.of(PatchRfcExamplesTest.class.getResource("/patch/rfc7644").toURI());
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void rfcExampleGivesTheDocumentedResult(Path file) throws IOException {
    JsonNode example = Json.MAPPER.readTree(file.toFile());
    ObjectNode before = (ObjectNode) example.get("before");
    ObjectNode after = (ObjectNode) example.get("after");
    List<PatchOperation> operations = PatchRequest.parse(example.get("request"));
    if (example.get("resourceType").asText().equals("User")) {
      assertThat(PatchEngine.apply(ResourceTypes.USER, before, USER_ID, operations))
          .isEqualTo(after);
      return;
    }
    GroupPatchPlan plan = GroupPatchPlan.plan(GROUP_ID, operations);
    ObjectNode document =
        PatchEngine.apply(
            ResourceTypes.GROUP, withoutMembers(before), GROUP_ID, plan.documentOperations());
    Set<String> members = memberIds(before);
    plan.membershipChanges().forEach(change -> applyTo(members, change));
    assertThat(document).isEqualTo(withoutMembers(after));
    assertThat(members).containsExactlyElementsOf(memberIds(after));
  }

  private static ObjectNode withoutMembers(ObjectNode group) {
    ObjectNode copy = group.deepCopy();
    copy.remove("members");
    return copy;
  }

  private static Set<String> memberIds(JsonNode group) {
    Set<String> ids = new LinkedHashSet<>();
    group.path("members").forEach(member -> ids.add(member.get("value").asText()));
    return ids;
  }

  /** What the membership store does with each change. */
  static void applyTo(Set<String> members, MembershipChange change) {
    switch (change) {
      case MembershipChange.AddMembers(var ids) -> members.addAll(ids);
      case MembershipChange.RemoveMembers(var ids) -> members.removeAll(ids);
      case MembershipChange.RemoveAllMembers() -> members.clear();
      case MembershipChange.ReplaceMembers(var ids) -> {
        members.clear();
        members.addAll(new ArrayList<>(ids));
      }
    }
  }
}
