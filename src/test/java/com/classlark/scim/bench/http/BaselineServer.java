package com.classlark.scim.bench.http;

import com.classlark.scim.app.Main;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.protocol.resource.ResourceRepresentation;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.classlark.scim.scim.ScimResponses;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;

/**
 * The service as the HTTP harness runs it: {@code classlark-scim serve} with one more route, {@code
 * GET /benchmark/baseline}, a fixed User as {@code GET /Users/{id}} would return it (the same
 * attributes as the harness's seeded staff, so the bodies are of a size), without authentication or
 * database. It measures the ceiling of this HTTP stack on a machine (routing, request log, JSON
 * writing), against which the harness reports every other endpoint. A test source: the route is
 * never part of the service; {@link ServerProcess} runs this class with the jar on the classpath.
 */
public final class BaselineServer {
  /** Where the route answers. */
  public static final String PATH = "/benchmark/baseline";

  private static final ObjectNode USER = fixedUser();

  private BaselineServer() {}

  /**
   * Runs {@code serve} with the baseline route.
   *
   * @param args the options of {@code serve}, e.g. {@code --db ... --port 8080}
   */
  public static void main(String[] args) {
    String[] serve = new String[args.length + 1];
    serve[0] = "serve";
    System.arraycopy(args, 0, serve, 1, args.length);
    int exitCode = Main.commandLine(Map.of(PATH, BaselineServer::handle)).execute(serve);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  /** Answers with the fixed User, serialised on every request as real responses are. */
  static void handle(Context ctx) {
    ScimResponses.json(ctx, 200, USER);
  }

  private static ObjectNode fixedUser() {
    ObjectNode document = Json.object();
    document
        .putArray("schemas")
        .add("urn:ietf:params:scim:schemas:core:2.0:User")
        .add("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
        .add("urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User");
    document.put("userName", "ada.lovelace@baseline.school.example");
    document.put("externalId", "b6f1c0de-0000-4000-8000-000000000001");
    ObjectNode name = document.putObject("name");
    name.put("givenName", "Ada");
    name.put("familyName", "Lovelace");
    name.put("formatted", "Ada Lovelace");
    document.put("displayName", "Ada Lovelace");
    document.put("title", "Teacher");
    document.put("userType", "Staff");
    document.put("active", true);
    ObjectNode email = document.putArray("emails").addObject();
    email.put("value", "ada.lovelace@baseline.school.example");
    email.put("type", "work");
    email.put("primary", true);
    ObjectNode enterprise =
        document.putObject("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
    enterprise.put("employeeNumber", "100042");
    enterprise.put("department", "Faculty of Science");
    ObjectNode school =
        document.putObject("urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User");
    school.put("subjects", "Mathematics, Computing");
    school.put("room", "A113");
    Instant created = Instant.parse("2025-01-06T08:00:00Z");
    return ResourceRepresentation.render(
        ResourceTypes.USER,
        "7d9a8c2e-1f3b-4c5d-9e6f-0a1b2c3d4e5f",
        document,
        new ResourceRepresentation.Meta(
            created,
            created,
            "http://127.0.0.1/scim/v2/Users/7d9a8c2e-1f3b-4c5d-9e6f-0a1b2c3d4e5f",
            "W/\"1\""));
  }
}
