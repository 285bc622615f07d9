package com.classlark.scim.protocol.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ClassLark's rules and the RFC's characteristics, as they appear in the definitions. */
class ResourceTypesTest {

  /** Columns: required, caseExact, mutability, returned, uniqueness. */
  static Stream<Arguments> characteristics() {
    return Stream.of(
        arguments("User", "userName", true, false, "readWrite", "default", "server"),
        arguments("User", "name", true, false, "readWrite", "default", "none"),
        arguments("User", "name.givenName", true, false, "readWrite", "default", "none"),
        arguments("User", "name.familyName", true, false, "readWrite", "default", "none"),
        arguments("User", "name.middleName", false, false, "readWrite", "default", "none"),
        arguments("User", "userType", true, false, "readWrite", "default", "none"),
        arguments("User", "active", false, false, "readWrite", "default", "none"),
        arguments("User", "password", false, false, "writeOnly", "never", "none"),
        arguments("User", "groups", false, false, "readOnly", "default", "none"),
        arguments("User", "groups.value", false, false, "readOnly", "default", "none"),
        arguments("User", "x509Certificates.value", false, true, "readWrite", "default", "none"),
        arguments("User", "id", false, true, "readOnly", "always", "server"),
        arguments(
            "User",
            UserSchemas.ENTERPRISE_URN + ":manager.displayName",
            false,
            false,
            "readOnly",
            "default",
            "none"),
        arguments(
            "User",
            UserSchemas.CLASSLARK_URN + ":meetingUrl",
            false,
            true,
            "readWrite",
            "default",
            "none"),
        arguments("Group", "displayName", true, false, "readWrite", "default", "server"),
        arguments("Group", "members.value", false, false, "immutable", "default", "none"),
        arguments("Group", "members.display", false, false, "readOnly", "default", "none"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("characteristics")
  void definitionsCarryTheRulesThatApply(
      String type,
      String path,
      boolean required,
      boolean caseExact,
      String mutability,
      String returned,
      String uniqueness) {
    AttributeDefinition attribute = resolve(type, path).target();
    assertThat(attribute.required()).isEqualTo(required);
    assertThat(attribute.caseExact()).isEqualTo(caseExact);
    assertThat(attribute.mutability().scimName()).isEqualTo(mutability);
    assertThat(attribute.returned().scimName()).isEqualTo(returned);
    assertThat(attribute.uniqueness().scimName()).isEqualTo(uniqueness);
  }

  static Stream<Arguments> valueLists() {
    return Stream.of(
        arguments(
            "User",
            "userType",
            List.of("Staff", "Event Manager", "Finance Manager", "Administrator"),
            List.of()),
        arguments("User", "emails.type", List.of("work", "home", "other"), List.of()),
        arguments("User", "groups.type", List.of("direct", "indirect"), List.of()),
        arguments("User", "groups.$ref", List.of(), List.of("User", "Group")),
        arguments("User", "profileUrl", List.of(), List.of("external")),
        arguments("User", "photos.value", List.of(), List.of("external")),
        arguments("User", UserSchemas.ENTERPRISE_URN + ":manager.$ref", List.of(), List.of("User")),
        arguments(
            "User", UserSchemas.CLASSLARK_URN + ":meetingUrl", List.of(), List.of("external")),
        arguments("Group", "members.type", List.of("User"), List.of()),
        arguments("Group", "members.$ref", List.of(), List.of("User")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("valueLists")
  void canonicalValuesAndReferenceTypes(
      String type, String path, List<String> canonicalValues, List<String> referenceTypes) {
    AttributeDefinition attribute = resolve(type, path).target();
    assertThat(attribute.canonicalValues()).isEqualTo(canonicalValues);
    assertThat(attribute.referenceTypes()).isEqualTo(referenceTypes);
  }

  @Test
  void userHasEveryAttributeOfRfc7643Section41() {
    assertThat(UserSchemas.CORE.attributes().stream().map(AttributeDefinition::name))
        .containsExactly(
            "userName",
            "name",
            "displayName",
            "nickName",
            "profileUrl",
            "title",
            "userType",
            "preferredLanguage",
            "locale",
            "timezone",
            "active",
            "password",
            "emails",
            "phoneNumbers",
            "ims",
            "photos",
            "addresses",
            "groups",
            "entitlements",
            "roles",
            "x509Certificates");
    assertThat(UserSchemas.ENTERPRISE.attributes().stream().map(AttributeDefinition::name))
        .containsExactly(
            "employeeNumber", "costCenter", "organization", "division", "department", "manager");
    assertThat(UserSchemas.CLASSLARK.attributes().stream().map(AttributeDefinition::name))
        .containsExactly("subjects", "room", "meetingUrl");
  }

  @Test
  void resourceTypesAreFoundByNameIgnoringCase() {
    assertThat(ResourceTypes.byName("user")).contains(ResourceTypes.USER);
    assertThat(ResourceTypes.byName("GROUP")).contains(ResourceTypes.GROUP);
    assertThat(ResourceTypes.byName("Users")).isEmpty();
    assertThat(ResourceTypes.ALL).containsExactly(ResourceTypes.USER, ResourceTypes.GROUP);
  }

  private static ResolvedAttribute resolve(String type, String path) {
    String urn = null;
    String rest = path;
    if (path.startsWith("urn:")) {
      urn = path.substring(0, path.lastIndexOf(':'));
      rest = path.substring(path.lastIndexOf(':') + 1);
    }
    int dot = rest.indexOf('.');
    AttrPath attrPath =
        dot < 0
            ? new AttrPath(urn, rest, null)
            : new AttrPath(urn, rest.substring(0, dot), rest.substring(dot + 1));
    return ResourceTypes.byName(type).orElseThrow().resolve(attrPath).orElseThrow();
  }
}
