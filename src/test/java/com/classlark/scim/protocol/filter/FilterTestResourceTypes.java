package com.classlark.scim.protocol.filter;

import com.classlark.scim.protocol.schema.AttributeDefinition;
import com.classlark.scim.protocol.schema.AttributeType;
import com.classlark.scim.protocol.schema.Mutability;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.classlark.scim.protocol.schema.Returned;
import com.classlark.scim.protocol.schema.SchemaDefinition;
import com.classlark.scim.protocol.schema.Uniqueness;
import java.util.List;

/**
 * Small User and Group resource types for filter tests, independent of the production schemas.
 * caseExact follows RFC 7643 §4 where the attribute exists there.
 */
final class FilterTestResourceTypes {
  private FilterTestResourceTypes() {}

  static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

  static AttributeDefinition simple(String name, AttributeType type, boolean caseExact) {
    return new AttributeDefinition(
        name,
        type,
        false,
        name,
        false,
        caseExact,
        Mutability.READ_WRITE,
        Returned.DEFAULT,
        Uniqueness.NONE,
        List.of(),
        List.of(),
        List.of());
  }

  static AttributeDefinition string(String name) {
    return simple(name, AttributeType.STRING, false);
  }

  static AttributeDefinition multiValued(String name, AttributeType type, boolean caseExact) {
    return new AttributeDefinition(
        name,
        type,
        true,
        name,
        false,
        caseExact,
        Mutability.READ_WRITE,
        Returned.DEFAULT,
        Uniqueness.NONE,
        List.of(),
        List.of(),
        List.of());
  }

  static AttributeDefinition complex(
      String name, boolean multiValued, AttributeDefinition... subAttributes) {
    return new AttributeDefinition(
        name,
        AttributeType.COMPLEX,
        multiValued,
        name,
        false,
        false,
        Mutability.READ_WRITE,
        Returned.DEFAULT,
        Uniqueness.NONE,
        List.of(),
        List.of(),
        List.of(subAttributes));
  }

  static final AttributeDefinition EMAILS =
      complex(
          "emails",
          true,
          string("value"),
          string("display"),
          string("type"),
          simple("primary", AttributeType.BOOLEAN, false));

  static final AttributeDefinition MEMBERS =
      complex(
          "members",
          true,
          simple("value", AttributeType.STRING, true),
          string("display"),
          string("type"),
          simple("$ref", AttributeType.REFERENCE, true));

  static final SchemaDefinition CORE =
      new SchemaDefinition(
          FilterTrees.CORE_USER,
          "User",
          "User Account",
          List.of(
              string("userName"),
              complex(
                  "name", false, string("formatted"), string("familyName"), string("givenName")),
              string("displayName"),
              string("nickName"),
              string("title"),
              string("userType"),
              simple("active", AttributeType.BOOLEAN, false),
              simple("loginCount", AttributeType.INTEGER, false),
              simple("score", AttributeType.DECIMAL, false),
              simple("hiredAt", AttributeType.DATE_TIME, false),
              multiValued("aliases", AttributeType.STRING, false),
              EMAILS,
              complex("x509Certificates", true, simple("value", AttributeType.BINARY, true))));

  static final SchemaDefinition ENTERPRISE =
      new SchemaDefinition(
          FilterTrees.ENTERPRISE,
          "EnterpriseUser",
          "Enterprise User",
          List.of(
              string("employeeNumber"),
              string("department"),
              complex(
                  "manager",
                  false,
                  string("value"),
                  simple("$ref", AttributeType.REFERENCE, true),
                  string("displayName"))));

  static final SchemaDefinition PLANNER =
      new SchemaDefinition(
          FilterTrees.PLANNER,
          "SchoolEventPlannerUser",
          "ClassLark staff",
          List.of(
              string("subjects"),
              string("room"),
              simple("meetingUrl", AttributeType.REFERENCE, true)));

  static final ResourceTypeDefinition USER =
      new ResourceTypeDefinition("User", "/Users", "Staff", CORE, List.of(ENTERPRISE, PLANNER));

  static final ResourceTypeDefinition GROUP =
      new ResourceTypeDefinition(
          "Group",
          "/Groups",
          "Staff group",
          new SchemaDefinition(
              CORE_GROUP, "Group", "Group", List.of(string("displayName"), MEMBERS)),
          List.of());
}
