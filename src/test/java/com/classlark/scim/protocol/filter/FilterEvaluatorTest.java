package com.classlark.scim.protocol.filter;

import static com.classlark.scim.protocol.filter.FilterTrees.ENTERPRISE;
import static com.classlark.scim.protocol.filter.FilterTrees.PLANNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.classlark.scim.protocol.schema.AttrPath;
import com.classlark.scim.protocol.schema.ResolvedAttribute;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterEvaluatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final ObjectNode BJENSEN =
      json(
          """
          {
            "id": "bjensen",
            "externalId": "bjensen-ext",
            "userName": "Bjensen@Example.com",
            "name": {"givenName": "Barbara", "familyName": "Jensen"},
            "displayName": "Babs Jensen",
            "title": "Teacher",
            "active": true,
            "loginCount": 12,
            "score": 4.50,
            "hiredAt": "2020-09-01T08:00:00+02:00",
            "aliases": ["babs", "barb"],
            "emails": [
              {"value": "bjensen@example.com", "type": "work", "primary": true},
              {"value": "babs@home.example", "type": "home"}
            ],
            "x509Certificates": [{"value": "MIIDQzCC"}],
            "meta": {
              "resourceType": "User",
              "created": "2026-01-01T00:00:00Z",
              "lastModified": "2026-03-01T12:00:00Z"
            },
            "%s": {
              "employeeNumber": "123",
              "department": "Maths",
              "manager": {"value": "m-1", "displayName": "Head"}
            },
            "%s": {"room": "A113"}
          }
          """
              .formatted(ENTERPRISE, PLANNER));

  private static final ObjectNode JSMITH =
      json(
          """
          {
            "id": "jsmith",
            "userName": "jsmith@example.com",
            "name": {"givenName": "John", "familyName": "Smith"},
            "displayName": null,
            "nickName": null,
            "title": "",
            "active": false,
            "loginCount": 3,
            "emails": [],
            "meta": {"resourceType": "User", "created": "2026-02-01T00:00:00Z"},
            "%s": {"employeeNumber": "007", "manager": {}}
          }
          """
              .formatted(ENTERPRISE));

  private static final ObjectNode EMPTY =
      json(
          """
          {"id": "empty", "userName": "empty@example.com"}
          """);

  private static final List<ObjectNode> USERS = List.of(BJENSEN, JSMITH, EMPTY);

  private static final FilterEvaluator EVALUATOR =
      new FilterEvaluator(FilterTestResourceTypes.USER);

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (JsonProcessingException malformed) {
      throw new UncheckedIOException(malformed);
    }
  }

  static Stream<Arguments> filtersAndMatchingUsers() {
    return Stream.of(
        arguments("userName eq \"bjensen@example.com\"", Set.of("bjensen")),
        arguments("userName eq \"BJENSEN@EXAMPLE.COM\"", Set.of("bjensen")),
        arguments("externalId eq \"BJENSEN-EXT\"", Set.of()),
        arguments("externalId eq \"bjensen-ext\"", Set.of("bjensen")),
        arguments("userName sw \"J\"", Set.of("jsmith")),
        arguments("userName ew \"@EXAMPLE.com\"", Set.of("bjensen", "jsmith", "empty")),
        arguments("userName co \"smith\"", Set.of("jsmith")),
        arguments("name.familyName eq \"jensen\"", Set.of("bjensen")),
        arguments("name.givenName gt \"C\"", Set.of("jsmith")),
        arguments("title gt \"S\"", Set.of("bjensen")),
        arguments("title pr", Set.of("bjensen")),
        arguments("not (title pr)", Set.of("jsmith", "empty")),
        arguments("title eq null", Set.of("jsmith", "empty")),
        arguments("title ne null", Set.of("bjensen")),
        arguments("title ne \"Teacher\"", Set.of("jsmith", "empty")),
        arguments("title eq \"\"", Set.of("jsmith")),
        arguments("displayName eq null", Set.of("jsmith", "empty")),
        arguments("nickName pr", Set.of()),
        arguments("name pr", Set.of("bjensen", "jsmith")),
        arguments("emails pr", Set.of("bjensen")),
        arguments("emails.value eq \"babs@home.example\"", Set.of("bjensen")),
        arguments("emails co \"HOME\"", Set.of("bjensen")),
        arguments("emails.value ne \"bjensen@example.com\"", Set.of("bjensen", "jsmith", "empty")),
        arguments("emails[type eq \"work\" and value co \"@example.com\"]", Set.of("bjensen")),
        arguments("emails[type eq \"home\" and primary eq true]", Set.of()),
        arguments("emails.type eq \"home\" and emails.primary eq true", Set.of("bjensen")),
        arguments("emails[type eq \"work\"].value eq \"BJENSEN@example.com\"", Set.of("bjensen")),
        arguments("emails[type eq \"home\"].value sw \"bjensen\"", Set.of()),
        arguments("emails[not (type eq \"work\")]", Set.of("bjensen")),
        arguments("active eq true", Set.of("bjensen")),
        arguments("active eq \"False\"", Set.of("jsmith")),
        arguments("active ne true", Set.of("jsmith", "empty")),
        arguments("loginCount gt 5", Set.of("bjensen")),
        arguments("loginCount le 3", Set.of("jsmith")),
        arguments("loginCount eq 12.0", Set.of("bjensen")),
        arguments("loginCount ne 12", Set.of("jsmith", "empty")),
        arguments("score eq 4.5", Set.of("bjensen")),
        arguments("hiredAt eq \"2020-09-01T06:00:00Z\"", Set.of("bjensen")),
        arguments("hiredAt lt \"2020-09-01T06:00:00.001Z\"", Set.of("bjensen")),
        arguments("meta.created eq \"2026-01-01T01:00:00+01:00\"", Set.of("bjensen")),
        arguments("meta.created ge \"2026-01-01T01:00:00+01:00\"", Set.of("bjensen", "jsmith")),
        arguments("meta.created lt \"2026-01-15T00:00:00Z\"", Set.of("bjensen")),
        arguments("meta.lastModified pr", Set.of("bjensen")),
        arguments(ENTERPRISE + ":employeeNumber eq 123", Set.of("bjensen")),
        arguments(ENTERPRISE + ":employeeNumber eq 007", Set.of("jsmith")),
        arguments(ENTERPRISE + ":manager.value eq \"M-1\"", Set.of("bjensen")),
        arguments(ENTERPRISE + ":manager pr", Set.of("bjensen")),
        arguments(ENTERPRISE + ":manager[displayName sw \"he\"]", Set.of("bjensen")),
        arguments(PLANNER + ":room eq \"a113\"", Set.of("bjensen")),
        arguments(FilterTrees.CORE_USER + ":userName sw \"bj\"", Set.of("bjensen")),
        arguments("aliases eq \"BARB\"", Set.of("bjensen")),
        arguments("x509Certificates eq \"MIIDQzCC\"", Set.of("bjensen")),
        arguments("x509Certificates eq \"miidqzcc\"", Set.of()),
        arguments("id eq \"jsmith\" or id eq \"empty\"", Set.of("jsmith", "empty")),
        arguments("userName pr and not (emails pr)", Set.of("jsmith", "empty")),
        arguments("title pr or loginCount lt 5 and active eq false", Set.of("bjensen", "jsmith")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("filtersAndMatchingUsers")
  void matchesExactlyTheExpectedUsers(String text, Set<String> expectedIds) {
    Filter filter = FilterResolver.resolve(FilterTestResourceTypes.USER, FilterParser.parse(text));
    Set<String> matching =
        USERS.stream()
            .filter(user -> EVALUATOR.matches(filter, user))
            .map(user -> user.get("id").textValue())
            .collect(Collectors.toSet());
    assertThat(matching).isEqualTo(expectedIds);
  }

  @Test
  void attributeNamesInTheResourceAreMatchedIgnoringCase() {
    ObjectNode oddlyCased = json("{\"id\": \"x\", \"USERNAME\": \"a@example.com\"}");
    Filter filter =
        FilterResolver.resolve(
            FilterTestResourceTypes.USER, FilterParser.parse("userName eq \"a@example.com\""));
    assertThat(EVALUATOR.matches(filter, oddlyCased)).isTrue();
  }

  @Test
  void groupMemberFilterMatchesOnAnyMemberValue() {
    ObjectNode group =
        json(
            """
            {"id": "g1", "displayName": "Maths",
             "members": [{"value": "u1", "display": "Ann"}, {"value": "u2"}]}
            """);
    FilterEvaluator groups = new FilterEvaluator(FilterTestResourceTypes.GROUP);
    Filter byMember =
        FilterResolver.resolve(
            FilterTestResourceTypes.GROUP, FilterParser.parse("members eq \"u2\""));
    Filter byOtherCase =
        FilterResolver.resolve(
            FilterTestResourceTypes.GROUP, FilterParser.parse("members eq \"U2\""));
    assertThat(groups.matches(byMember, group)).isTrue();
    assertThat(groups.matches(byOtherCase, group)).isFalse();
  }

  private static final ResolvedAttribute EMAILS =
      FilterTestResourceTypes.USER.resolve(AttrPath.of("emails")).orElseThrow();

  @Test
  void matchesValueAppliesAPatchValueFilterToOneElement() {
    Filter.ValuePath path =
        (Filter.ValuePath)
            FilterResolver.resolve(
                FilterTestResourceTypes.USER,
                FilterParser.parse("emails[type eq \"WORK\" and not (primary eq false)]"));
    assertThat(
            EVALUATOR.matchesValue(
                path.inner(),
                json("{\"value\": \"a@example.com\", \"type\": \"work\", \"primary\": true}"),
                EMAILS))
        .isTrue();
    assertThat(
            EVALUATOR.matchesValue(
                path.inner(),
                json("{\"value\": \"a@example.com\", \"type\": \"work\", \"primary\": false}"),
                EMAILS))
        .isFalse();
    assertThat(
            EVALUATOR.matchesValue(
                path.inner(), json("{\"value\": \"b@example.com\", \"type\": \"home\"}"), EMAILS))
        .isFalse();
  }

  @Test
  void matchesValueComparesMembersByTheirCaseExactValue() {
    PathExpression patchPath =
        new FilterParser(FilterLimits.DEFAULT).parsePath("members[VALUE eq \"u1\"]");
    Filter resolved =
        FilterResolver.resolve(
            FilterTestResourceTypes.GROUP,
            new Filter.ValuePath(patchPath.attribute(), patchPath.valueFilter()));
    Filter inner = ((Filter.ValuePath) resolved).inner();
    FilterEvaluator groups = new FilterEvaluator(FilterTestResourceTypes.GROUP);
    ResolvedAttribute members =
        FilterTestResourceTypes.GROUP.resolve(AttrPath.of("members")).orElseThrow();

    assertThat(groups.matchesValue(inner, json("{\"value\": \"u1\"}"), members)).isTrue();
    assertThat(groups.matchesValue(inner, json("{\"value\": \"U1\"}"), members)).isFalse();
    assertThat(groups.matchesValue(inner, json("{\"display\": \"u1\"}"), members)).isFalse();
  }
}
