package com.classlark.scim.bench.jmh;

import com.classlark.scim.bench.StaffBodies;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.protocol.resource.Projection;
import com.classlark.scim.protocol.resource.ResourceReader;
import com.classlark.scim.protocol.resource.ResourceRepresentation;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
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
 * What every User response costs after the database: {@link ResourceRepresentation#render} (id and
 * meta), {@link Projection#apply} and Jackson writing the bytes, for the default projection and the
 * two query parameters.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ResourceRenderBenchmark {
  /**
   * {@code default}, {@code attributes=userName,externalId} or {@code excludedAttributes=emails,…}.
   */
  @Param({"default", "attributes", "excludedAttributes"})
  public String projection;

  private static final String ID = "7d9a8c2e-1f3b-4c5d-9e6f-0a1b2c3d4e5f";

  private ObjectNode document;
  private ResourceRepresentation.Meta meta;
  private Projection chosen;

  @Setup
  public void prepare() {
    document = ResourceReader.read(ResourceTypes.USER, StaffBodies.body("bench", 42));
    Instant at = Instant.parse("2025-01-06T08:00:00Z");
    meta =
        new ResourceRepresentation.Meta(
            at, at, "http://127.0.0.1:8080/scim/v2/Users/" + ID, "W/\"3\"");
    chosen =
        switch (projection) {
          case "default" -> Projection.of(ResourceTypes.USER, null, null);
          case "attributes" -> Projection.of(ResourceTypes.USER, "userName,externalId", null);
          case "excludedAttributes" ->
              Projection.of(
                  ResourceTypes.USER,
                  null,
                  "emails,urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
          default -> throw new IllegalArgumentException("unknown projection " + projection);
        };
  }

  @Benchmark
  public ObjectNode renderAndProject() {
    return chosen.apply(ResourceRepresentation.render(ResourceTypes.USER, ID, document, meta));
  }

  @Benchmark
  public byte[] renderProjectAndWrite() throws JsonProcessingException {
    return Json.MAPPER.writeValueAsBytes(renderAndProject());
  }
}
