package com.classlark.scim.bench.jmh;

import com.classlark.scim.protocol.filter.Filter;
import com.classlark.scim.protocol.filter.FilterParser;
import com.classlark.scim.protocol.filter.FilterResolver;
import com.classlark.scim.protocol.schema.ResourceTypes;
import java.util.Map;

/**
 * The filters the microbenchmarks measure, by name: the lookups identity providers send on every
 * sync, and a compound filter that exercises every kind of node.
 */
public final class BenchmarkFilters {
  /** The names to list in a {@code @Param}. */
  public static final String USER_NAME_EQ = "userNameEq";

  public static final String EXTERNAL_ID_EQ = "externalIdEq";
  public static final String EMAIL_VALUE_PATH = "emailValuePath";
  public static final String COMPOUND = "compound";

  private static final Map<String, String> TEXTS =
      Map.of(
          USER_NAME_EQ, "userName eq \"staff.42@bench.school.example\"",
          EXTERNAL_ID_EQ, "externalId eq \"3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b\"",
          EMAIL_VALUE_PATH, "emails[type eq \"work\" and value ew \"@bench.school.example\"]",
          COMPOUND,
              "(name.familyName sw \"Lov\" or title co \"teach\") and active eq true and not"
                  + " (userType eq \"Administrator\") and meta.lastModified gt"
                  + " \"2020-01-01T00:00:00Z\" and"
                  + " urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User:room"
                  + " pr");

  private BenchmarkFilters() {}

  /** The filter's text as a client sends it. */
  public static String text(String name) {
    String text = TEXTS.get(name);
    if (text == null) {
      throw new IllegalArgumentException(
          "no benchmark filter named " + name + "; known: " + TEXTS.keySet());
    }
    return text;
  }

  /** The filter parsed and resolved against the User resource type, as the service holds it. */
  public static Filter resolved(String name) {
    return FilterResolver.resolve(ResourceTypes.USER, FilterParser.parse(text(name)));
  }
}
