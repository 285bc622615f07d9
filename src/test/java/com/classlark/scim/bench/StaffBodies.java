package com.classlark.scim.bench;

import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Staff members as an identity provider creates them (core, enterprise and ClassLark attributes,
 * one work email), numbered so that a benchmark can address member {@code n} of a school by
 * userName or externalId.
 */
public final class StaffBodies {
  private static final String[] GIVEN = {
    "Ada", "Grace", "Alan", "Katherine", "Edsger", "Barbara", "Donald"
  };
  private static final String[] FAMILY = {
    "Lovelace", "Hopper", "Turing", "Johnson", "Dijkstra", "Liskov"
  };
  private static final String[] SUBJECTS = {
    "Mathematics, Physics", "English", "History", "Chemistry"
  };

  private StaffBodies() {}

  /** The userName of member {@code n}: {@code staff.<n>@<school>.school.example}. */
  public static String userName(String school, int n) {
    return "staff." + n + "@" + school + ".school.example";
  }

  /**
   * The externalId of member {@code n}: a UUID derived from school and number, as Entra's object
   * ids look.
   */
  public static String externalId(String school, int n) {
    return UUID.nameUUIDFromBytes((school + "/" + n).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The POST /Users body of member {@code n}. */
  public static ObjectNode body(String school, int n) {
    String given = GIVEN[n % GIVEN.length];
    String family = FAMILY[(n / GIVEN.length) % FAMILY.length];
    ObjectNode body = Json.object();
    body.putArray("schemas")
        .add("urn:ietf:params:scim:schemas:core:2.0:User")
        .add("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
        .add("urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User");
    body.put("userName", userName(school, n));
    body.put("externalId", externalId(school, n));
    body.put("active", true);
    body.put("displayName", given + " " + family);
    body.put("title", "Teacher");
    body.put("userType", "Staff");
    ObjectNode name = body.putObject("name");
    name.put("givenName", given);
    name.put("familyName", family);
    name.put("formatted", given + " " + family);
    ObjectNode email = body.putArray("emails").addObject();
    email.put("value", userName(school, n));
    email.put("type", "work");
    email.put("primary", true);
    ObjectNode enterprise =
        body.putObject("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
    enterprise.put("employeeNumber", Integer.toString(100_000 + n));
    enterprise.put("department", "Faculty of Science");
    ObjectNode classlark =
        body.putObject("urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User");
    classlark.put("subjects", SUBJECTS[n % SUBJECTS.length]);
    classlark.put("room", "A" + (100 + n % 300));
    return body;
  }
}
