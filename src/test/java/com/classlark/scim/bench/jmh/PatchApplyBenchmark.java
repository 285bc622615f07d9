package com.classlark.scim.bench.jmh;

import com.classlark.scim.bench.StaffBodies;
import com.classlark.scim.protocol.patch.GroupPatchPlan;
import com.classlark.scim.protocol.patch.PatchEngine;
import com.classlark.scim.protocol.patch.PatchOperation;
import com.classlark.scim.protocol.patch.PatchRequest;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.protocol.resource.ResourceReader;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pure part of every PATCH: {@link PatchEngine#apply} of the operations identity providers send
 * to a User that looks like the seeded staff, and {@link GroupPatchPlan#plan} of a one-member add.
 * The request body is parsed in the set-up; the HTTP harness measures the whole request.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PatchApplyBenchmark {
  /** Microsoft Entra ID: a pathless replace whose value has dotted and URN-qualified keys. */
  static final String ENTRA_PATHLESS =
      """
      {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
        {"op":"Replace","value":{
          "displayName":"Grace Hopper",
          "name.givenName":"Grace",
          "name.familyName":"Hopper",
          "title":"Head of Science",
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":"Science",
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"200042"}}]}
      """;

  /** Okta: deactivation as a pathless replace of {@code active}. */
  static final String OKTA_DEACTIVATE =
      """
      {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
        {"op":"replace","value":{"active":false}}]}
      """;

  /** Microsoft Entra ID: the work email's address through a value filter. */
  static final String WORK_EMAIL =
      """
      {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
        {"op":"Replace","path":"emails[type eq \\"work\\"].value",
         "value":"g.hopper@bench.school.example"}]}
      """;

  /** Microsoft Entra ID's membership add: one member, by id. */
  static final String GROUP_ADD_ONE =
      """
      {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
        {"op":"Add","path":"members","value":[{"value":"0b6c4f7e-2d1a-4e8b-9c3f-5a7d1e2b4c6f"}]}]}
      """;

  private static final String USER_ID = "7d9a8c2e-1f3b-4c5d-9e6f-0a1b2c3d4e5f";
  private static final String GROUP_ID = "3f1e5d7c-9b2a-4c6e-8d0f-1a3b5c7d9e2f";

  /** A seeded-staff User and the parsed operations of one shape. */
  @State(Scope.Benchmark)
  public static class UserPatch {
    /** Which User PATCH {@link #applyToUser} applies. */
    @Param({"entraPathlessReplace", "oktaDeactivate", "entraWorkEmailValue"})
    public String shape;

    ObjectNode user;
    List<PatchOperation> operations;

    @Setup
    public void prepare() throws JsonProcessingException {
      user = ResourceReader.read(ResourceTypes.USER, StaffBodies.body("bench", 42));
      String body =
          switch (shape) {
            case "entraPathlessReplace" -> ENTRA_PATHLESS;
            case "oktaDeactivate" -> OKTA_DEACTIVATE;
            case "entraWorkEmailValue" -> WORK_EMAIL;
            default -> throw new IllegalArgumentException("unknown PATCH shape " + shape);
          };
      operations = PatchRequest.parse(Json.MAPPER.readTree(body));
    }
  }

  /** The parsed operations of a one-member add to a group. */
  @State(Scope.Benchmark)
  public static class GroupAdd {
    List<PatchOperation> operations;

    @Setup
    public void prepare() throws JsonProcessingException {
      operations = PatchRequest.parse(Json.MAPPER.readTree(GROUP_ADD_ONE));
    }
  }

  @Benchmark
  public ObjectNode applyToUser(UserPatch patch) {
    return PatchEngine.apply(ResourceTypes.USER, patch.user, USER_ID, patch.operations);
  }

  @Benchmark
  public GroupPatchPlan planGroupAddOneMember(GroupAdd add) {
    return GroupPatchPlan.plan(GROUP_ID, add.operations);
  }
}
