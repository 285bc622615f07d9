package com.classlark.scim.protocol.filter;

import static com.classlark.scim.protocol.filter.CompareOp.CO;
import static com.classlark.scim.protocol.filter.FilterTrees.CORE_USER;
import static com.classlark.scim.protocol.filter.FilterTrees.ENTERPRISE;
import static com.classlark.scim.protocol.filter.FilterTrees.PLANNER;
import static com.classlark.scim.protocol.filter.FilterTrees.and;
import static com.classlark.scim.protocol.filter.FilterTrees.bool;
import static com.classlark.scim.protocol.filter.FilterTrees.compare;
import static com.classlark.scim.protocol.filter.FilterTrees.eq;
import static com.classlark.scim.protocol.filter.FilterTrees.not;
import static com.classlark.scim.protocol.filter.FilterTrees.or;
import static com.classlark.scim.protocol.filter.FilterTrees.path;
import static com.classlark.scim.protocol.filter.FilterTrees.str;
import static com.classlark.scim.protocol.filter.FilterTrees.urnPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.error.ScimType;
import com.classlark.scim.protocol.schema.AttrPath;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PathParserTest {

  private static final FilterParser PARSER = new FilterParser(FilterLimits.DEFAULT);

  private static PathExpression plain(AttrPath attribute) {
    return new PathExpression(attribute, null, null);
  }

  static Stream<Arguments> validPaths() {
    return Stream.of(
        arguments("userName", plain(path("userName"))),
        arguments("name.givenName", plain(path("name", "givenName"))),
        arguments("NAME.GivenName", plain(path("NAME", "GivenName"))),
        arguments("members", plain(path("members"))),
        arguments("meta.lastModified", plain(path("meta", "lastModified"))),
        arguments(
            "members[value eq \"2819c223\"]",
            new PathExpression(path("members"), eq("value", "2819c223"), null)),
        arguments(
            "members[value eq 2819c223]",
            new PathExpression(path("members"), eq("value", "2819c223"), null)),
        arguments(
            "emails[type eq \"work\"].value",
            new PathExpression(path("emails"), eq("type", "work"), "value")),
        arguments(
            "emails[type eq \"work\" and primary eq true].display",
            new PathExpression(
                path("emails"), and(eq("type", "work"), eq("primary", bool(true))), "display")),
        arguments(
            "addresses[type eq \"work\"].streetAddress",
            new PathExpression(path("addresses"), eq("type", "work"), "streetAddress")),
        arguments(
            "emails[value co \"@example.com\" or not (type eq \"home\")]",
            new PathExpression(
                path("emails"),
                or(compare(path("value"), CO, str("@example.com")), not(eq("type", "home"))),
                null)),
        arguments(
            "emails[ type  eq \"work\" ]",
            new PathExpression(path("emails"), eq("type", "work"), null)),
        arguments(
            "members[value eq \"a+b\"]",
            new PathExpression(path("members"), eq("value", "a+b"), null)),
        arguments(
            ENTERPRISE + ":employeeNumber", plain(urnPath(ENTERPRISE, "employeeNumber", null))),
        arguments(ENTERPRISE + ":manager", plain(urnPath(ENTERPRISE, "manager", null))),
        arguments(ENTERPRISE + ":manager.value", plain(urnPath(ENTERPRISE, "manager", "value"))),
        arguments(CORE_USER + ":name.familyName", plain(urnPath(CORE_USER, "name", "familyName"))),
        arguments(PLANNER + ":meetingUrl", plain(urnPath(PLANNER, "meetingUrl", null))),
        arguments(
            CORE_USER + ":emails[type eq \"work\"].value",
            new PathExpression(urnPath(CORE_USER, "emails", null), eq("type", "work"), "value")));
  }

  static Stream<Arguments> invalidPaths() {
    return Stream.of(
        arguments("", 0),
        arguments("name.", 5),
        arguments("name givenName", 5),
        arguments("emails[type eq \"work\"", 21),
        arguments("emails[type eq \"work\"].", 23),
        arguments("emails[type eq \"work\"]value", 22),
        arguments("emails[type eq \"work\"] .value", 23),
        arguments("emails[type eq \"work\"].value.display", 28),
        arguments("emails[]", 7),
        arguments("[value eq \"x\"]", 0),
        arguments("name.givenName[value eq \"x\"]", 14),
        arguments("emails[type eq]", 14),
        arguments("members[value+eq+\"x\"]", 13),
        arguments("emails[type[value eq \"x\"]]", 11),
        arguments("emails[value eq \"x]", 16),
        arguments("1name", 0),
        arguments("\"userName\"", 0));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("validPaths")
  void parsesValidPath(String text, PathExpression expected) {
    assertThat(PARSER.parsePath(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalidPaths")
  void rejectsInvalidPathAsInvalidPathNamingThePosition(String text, int position) {
    assertThatThrownBy(() -> PARSER.parsePath(text))
        .isInstanceOfSatisfying(
            ScimException.class,
            error -> {
              assertThat(error.scimType()).contains(ScimType.INVALID_PATH);
              assertThat(error.detail()).containsPattern("position " + position + "\\b");
            });
  }

  @Test
  void pathErrorSaysWhatWasExpected() {
    assertThatThrownBy(() -> PARSER.parsePath("name givenName"))
        .hasMessage("expected '[' or end of path at position 5 but found 'givenName'");
  }

  @Test
  void pathLongerThanTheLimitIsRejected() {
    FilterParser parser = new FilterParser(new FilterLimits(10, 16));
    assertThatThrownBy(() -> parser.parsePath("name.givenName"))
        .isInstanceOfSatisfying(
            ScimException.class,
            error -> {
              assertThat(error.scimType()).contains(ScimType.INVALID_PATH);
              assertThat(error.detail())
                  .isEqualTo("the path is 14 characters long; the limit is 10");
            });
  }
}
