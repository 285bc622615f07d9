package com.classlark.scim.protocol.filter;

import static com.classlark.scim.protocol.filter.CompareOp.CO;
import static com.classlark.scim.protocol.filter.CompareOp.EW;
import static com.classlark.scim.protocol.filter.CompareOp.GE;
import static com.classlark.scim.protocol.filter.CompareOp.GT;
import static com.classlark.scim.protocol.filter.CompareOp.LE;
import static com.classlark.scim.protocol.filter.CompareOp.LT;
import static com.classlark.scim.protocol.filter.CompareOp.NE;
import static com.classlark.scim.protocol.filter.CompareOp.SW;
import static com.classlark.scim.protocol.filter.FilterTrees.CORE_USER;
import static com.classlark.scim.protocol.filter.FilterTrees.ENTERPRISE;
import static com.classlark.scim.protocol.filter.FilterTrees.PLANNER;
import static com.classlark.scim.protocol.filter.FilterTrees.and;
import static com.classlark.scim.protocol.filter.FilterTrees.bool;
import static com.classlark.scim.protocol.filter.FilterTrees.compare;
import static com.classlark.scim.protocol.filter.FilterTrees.eq;
import static com.classlark.scim.protocol.filter.FilterTrees.not;
import static com.classlark.scim.protocol.filter.FilterTrees.nul;
import static com.classlark.scim.protocol.filter.FilterTrees.num;
import static com.classlark.scim.protocol.filter.FilterTrees.or;
import static com.classlark.scim.protocol.filter.FilterTrees.path;
import static com.classlark.scim.protocol.filter.FilterTrees.pr;
import static com.classlark.scim.protocol.filter.FilterTrees.str;
import static com.classlark.scim.protocol.filter.FilterTrees.urnPath;
import static com.classlark.scim.protocol.filter.FilterTrees.valuePath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.error.ScimType;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterParserTest {

  private static final Filter A1 = eq("a", num("1"));
  private static final Filter B2 = eq("b", num("2"));
  private static final Filter C3 = eq("c", num("3"));

  static Stream<Arguments> validFilters() {
    return Stream.of(
        // RFC 7644 §3.4.2.2 examples
        arguments("userName eq \"bjensen\"", eq("userName", "bjensen")),
        arguments(
            "name.familyName co \"O'Malley\"",
            compare(path("name", "familyName"), CO, str("O'Malley"))),
        arguments("userName sw \"J\"", compare(path("userName"), SW, str("J"))),
        arguments(
            CORE_USER + ":userName sw \"J\"",
            compare(urnPath(CORE_USER, "userName", null), SW, str("J"))),
        arguments("title pr", pr("title")),
        arguments(
            "meta.lastModified gt \"2011-05-13T04:42:34Z\"",
            compare(path("meta", "lastModified"), GT, str("2011-05-13T04:42:34Z"))),
        arguments(
            "meta.lastModified ge \"2011-05-13T04:42:34Z\"",
            compare(path("meta", "lastModified"), GE, str("2011-05-13T04:42:34Z"))),
        arguments(
            "meta.lastModified lt \"2011-05-13T04:42:34Z\"",
            compare(path("meta", "lastModified"), LT, str("2011-05-13T04:42:34Z"))),
        arguments(
            "meta.lastModified le \"2011-05-13T04:42:34Z\"",
            compare(path("meta", "lastModified"), LE, str("2011-05-13T04:42:34Z"))),
        arguments(
            "title pr and userType eq \"Employee\"", and(pr("title"), eq("userType", "Employee"))),
        arguments("title pr or userType eq \"Intern\"", or(pr("title"), eq("userType", "Intern"))),
        arguments("schemas eq \"" + ENTERPRISE + "\"", eq("schemas", ENTERPRISE)),
        arguments(
            "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co"
                + " \"example.org\")",
            and(
                eq("userType", "Employee"),
                or(
                    compare(path("emails"), CO, str("example.com")),
                    compare(path("emails", "value"), CO, str("example.org"))))),
        arguments(
            "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co"
                + " \"example.org\")",
            and(
                compare(path("userType"), NE, str("Employee")),
                not(
                    or(
                        compare(path("emails"), CO, str("example.com")),
                        compare(path("emails", "value"), CO, str("example.org")))))),
        arguments(
            "userType eq \"Employee\" and (emails.type eq \"work\")",
            and(eq("userType", "Employee"), eq(path("emails", "type"), str("work")))),
        arguments(
            "userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
            and(
                eq("userType", "Employee"),
                valuePath(
                    "emails",
                    and(eq("type", "work"), compare(path("value"), CO, str("@example.com")))))),
        arguments(
            "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and"
                + " value co \"@foo.com\"]",
            or(
                valuePath(
                    "emails",
                    and(eq("type", "work"), compare(path("value"), CO, str("@example.com")))),
                valuePath(
                    "ims", and(eq("type", "xmpp"), compare(path("value"), CO, str("@foo.com")))))),
        arguments("displayName ew \"Smith\"", compare(path("displayName"), EW, str("Smith"))),
        // precedence and grouping: not > and > or, left-associative
        arguments("a eq 1 or b eq 2 and c eq 3", or(A1, and(B2, C3))),
        arguments("a eq 1 and b eq 2 or c eq 3", or(and(A1, B2), C3)),
        arguments("a eq 1 and b eq 2 and c eq 3", and(and(A1, B2), C3)),
        arguments("a eq 1 or b eq 2 or c eq 3", or(or(A1, B2), C3)),
        arguments("a eq 1 or (b eq 2 or c eq 3)", or(A1, or(B2, C3))),
        arguments("a eq 1 and (b eq 2 and c eq 3)", and(A1, and(B2, C3))),
        arguments("(a eq 1 or b eq 2) and c eq 3", and(or(A1, B2), C3)),
        arguments("not (a eq 1) and b eq 2", and(not(A1), B2)),
        arguments("not (a eq 1 or b eq 2)", not(or(A1, B2))),
        arguments("not (not (a pr))", not(not(pr("a")))),
        arguments("((a eq 1))", A1),
        arguments("(a pr)and(b pr)", and(pr("a"), pr("b"))),
        arguments(
            "userName pr and not (title pr) or active eq false",
            or(and(pr("userName"), not(pr("title"))), eq("active", bool(false)))),
        // keywords and names in any case
        arguments("not(a eq 1)", not(A1)),
        arguments("NOT (a eq 1)", not(A1)),
        arguments("userName EQ \"x\"", eq("userName", "x")),
        arguments("userName Eq \"x\"", eq("userName", "x")),
        arguments("title PR", pr("title")),
        arguments("a eq 1 AND b eq 2 Or c eq 3", or(and(A1, B2), C3)),
        arguments("USERNAME eq \"x\"", eq("USERNAME", "x")),
        // literal values
        arguments("active eq true", eq("active", bool(true))),
        arguments("active eq TRUE", eq("active", bool(true))),
        arguments("active ne False", compare(path("active"), NE, bool(false))),
        arguments("manager eq null", eq("manager", nul())),
        arguments("manager eq NULL", eq("manager", nul())),
        arguments("age gt 10", compare(path("age"), GT, num("10"))),
        arguments("age gt -5", compare(path("age"), GT, num("-5"))),
        arguments("weight le 1.5", compare(path("weight"), LE, num("1.5"))),
        arguments("weight lt 1e3", compare(path("weight"), LT, num("1e3"))),
        arguments("weight lt -2.5E-3", compare(path("weight"), LT, num("-2.5E-3"))),
        arguments("weight lt 1e+5", compare(path("weight"), LT, num("1e+5"))),
        arguments("age eq 0", eq("age", num("0"))),
        arguments("displayName eq \"\"", eq("displayName", "")),
        arguments("displayName eq \"a (b) [c] and d\"", eq("displayName", "a (b) [c] and d")),
        arguments("userName eq \"and\"", eq("userName", "and")),
        arguments("userName eq \"\u2603\"", eq("userName", "\u2603")),
        // JSON string escapes
        arguments("title eq \"a\\\"b\"", eq("title", "a\"b")),
        arguments("title eq \"a\\\\b\"", eq("title", "a\\b")),
        arguments("title eq \"a\\/b\"", eq("title", "a/b")),
        arguments("title eq \"\\u00e9t\\u00E9\"", eq("title", "\u00e9t\u00e9")),
        arguments(
            "title eq \"line\\nbreak\\ttab\\r\\b\\f\"", eq("title", "line\nbreak\ttab\r\b\f")),
        // leniency: unquoted values, + as a space, spacing
        arguments("externalId eq jyoung", eq("externalId", "jyoung")),
        arguments("userName eq bjensen@example.com", eq("userName", "bjensen@example.com")),
        arguments("employeeNumber eq 123", eq("employeeNumber", num("123"))),
        arguments("employeeNumber eq 007", eq("employeeNumber", "007")),
        arguments("meta.resourceType eq User", eq(path("meta", "resourceType"), str("User"))),
        arguments("userName+eq+\"x\"", eq("userName", "x")),
        arguments("userName+eq+\"a+b\"", eq("userName", "a+b")),
        arguments("title+pr+and+active+eq+true", and(pr("title"), eq("active", bool(true)))),
        arguments("  userName \t eq\n\"x\"  ", eq("userName", "x")),
        arguments("userName eq\"x\"", eq("userName", "x")),
        // schema-qualified paths
        arguments(PLANNER + ":room eq \"A113\"", eq(urnPath(PLANNER, "room", null), str("A113"))),
        arguments(
            ENTERPRISE + ":manager.value eq \"26118915\"",
            eq(urnPath(ENTERPRISE, "manager", "value"), str("26118915"))),
        arguments(
            ENTERPRISE + ":employeeNumber pr", pr(urnPath(ENTERPRISE, "employeeNumber", null))),
        arguments(
            ENTERPRISE + ":manager[value eq \"x\"]",
            valuePath(urnPath(ENTERPRISE, "manager", null), eq("value", "x"))),
        // value paths
        arguments("members[value eq \"2819c223\"]", valuePath("members", eq("value", "2819c223"))),
        arguments(
            "emails[type eq \"work\"].value eq \"x\"",
            valuePath("emails", and(eq("type", "work"), eq("value", "x")))),
        arguments(
            "emails[type eq \"work\"].value pr",
            valuePath("emails", and(eq("type", "work"), pr("value")))),
        arguments(
            "emails[type eq \"work\" or type eq \"home\"].value co \"@\"",
            valuePath(
                "emails",
                and(
                    or(eq("type", "work"), eq("type", "home")),
                    compare(path("value"), CO, str("@"))))),
        arguments("emails[not (type eq \"work\")]", valuePath("emails", not(eq("type", "work")))),
        arguments("emails[(type eq \"work\")]", valuePath("emails", eq("type", "work"))),
        arguments(
            "emails[type eq \"work\"] and emails[primary eq true]",
            and(
                valuePath("emails", eq("type", "work")),
                valuePath("emails", eq("primary", bool(true))))),
        arguments(
            "addresses[type eq \"work\"].streetAddress sw \"1\"",
            valuePath(
                "addresses",
                and(eq("type", "work"), compare(path("streetAddress"), SW, str("1"))))),
        arguments("members.$ref pr", pr(path("members", "$ref"))),
        arguments("x-y_z1 eq 1", eq("x-y_z1", num("1"))),
        arguments(
            "id eq \"2819c223-7f76-453a-919d-413861904646\"",
            eq("id", "2819c223-7f76-453a-919d-413861904646")));
  }

  static Stream<Arguments> invalidFilters() {
    return Stream.of(
        arguments("", 0),
        arguments("   ", 3),
        arguments("userName", 8),
        arguments("userName equals \"x\"", 9),
        arguments("userName eq", 11),
        arguments("userName eq \"x", 12),
        arguments("userName eq \"x\" and", 19),
        arguments("userName eq \"x\" or", 18),
        arguments("(userName eq \"x\"", 16),
        arguments("userName eq \"x\")", 15),
        arguments("userName eq \"x\" foo", 16),
        arguments("title pr \"x\"", 9),
        arguments("title pr true", 9),
        arguments("userName pr pr", 12),
        arguments("emails[type eq \"work\"", 21),
        arguments("emails[type eq \"work\"]]", 22),
        arguments("emails[type[value eq \"x\"]]", 11),
        arguments("emails[name.givenName eq \"x\"]", 11),
        arguments("emails[urn:x:y eq \"x\"]", 7),
        arguments("name.givenName[value eq \"x\"]", 14),
        arguments("not userName eq \"x\"", 4),
        arguments("not", 3),
        arguments("not ()", 5),
        arguments("()", 1),
        arguments("userName eq \"x\" and and", 23),
        arguments("userName eq ()", 12),
        arguments("userName eq )", 12),
        arguments("userName eq and", 12),
        arguments("1userName eq \"x\"", 0),
        arguments("user!Name eq \"x\"", 4),
        arguments("name. eq \"x\"", 5),
        arguments("name.given.x eq \"x\"", 10),
        arguments(CORE_USER + ": eq \"x\"", 43),
        arguments(":userName eq \"x\"", 0),
        arguments("userName eq \"a\\qb\"", 14),
        arguments("userName eq \"\\u12G4\"", 13),
        arguments("userName eq \"\\u12\"", 13),
        arguments("userName eq \"x\\", 14),
        arguments("userName eq \"x\" and (title pr", 29),
        arguments("emails[type eq \"work\"].value", 28),
        arguments("emails[type eq \"work\"].value eq", 31),
        arguments("emails[type eq \"work\"].1x eq \"y\"", 23),
        arguments("emails[type eq \"work\"].value.x eq \"y\"", 28),
        arguments("emails[type eq \"work\"] .value eq \"x\"", 23),
        arguments("emails[]", 7),
        arguments("[type eq \"x\"]", 0),
        arguments("userName eq \"x\" and )", 20),
        arguments("\"userName\" eq \"x\"", 0),
        arguments("userName eq \"x\" userName eq \"y\"", 16),
        arguments("a eq 1 or not b eq 2", 14));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("validFilters")
  void parsesValidFilterIntoExpectedTree(String text, Filter expected) {
    assertThat(FilterParser.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalidFilters")
  void rejectsInvalidFilterNamingThePosition(String text, int position) {
    assertThatThrownBy(() -> FilterParser.parse(text))
        .isInstanceOfSatisfying(
            ScimException.class,
            error -> {
              assertThat(error.scimType()).contains(ScimType.INVALID_FILTER);
              assertThat(error.status()).isEqualTo(400);
              assertThat(error.detail()).containsPattern("position " + position + "\\b");
            });
  }

  @Test
  void operatorErrorNamesTheOperatorsAndWhatWasFound() {
    assertThatThrownBy(() -> FilterParser.parse("name.familyName equals \"x\""))
        .hasMessage(
            "expected an attribute operator (eq, ne, co, sw, ew, pr, gt, ge, lt, le) at position 16"
                + " but found 'equals'");
  }

  @Test
  void unclosedParenthesisNamesWhereItWasOpened() {
    assertThatThrownBy(() -> FilterParser.parse("a pr and (b pr"))
        .hasMessage(
            "expected ')' at position 14 but found end of filter (the '(' at offset 9 is not"
                + " closed)");
  }

  @Test
  void filterAtTheLengthLimitIsAccepted() {
    String value = "x".repeat(4096 - "userName eq \"\"".length());
    assertThat(FilterParser.parse("userName eq \"" + value + "\""))
        .isEqualTo(eq("userName", value));
  }

  @Test
  void filterLongerThanTheLimitIsRejected() {
    String value = "x".repeat(4097 - "userName eq \"\"".length());
    assertThatThrownBy(() -> FilterParser.parse("userName eq \"" + value + "\""))
        .isInstanceOf(ScimException.class)
        .hasMessage("the filter is 4097 characters long; the limit is 4096");
  }

  @Test
  void nestingAtTheDepthLimitIsAccepted() {
    String text = "(".repeat(16) + "a pr" + ")".repeat(16);
    assertThat(FilterParser.parse(text)).isEqualTo(pr("a"));
  }

  @Test
  void nestingPastTheDepthLimitIsRejected() {
    String text = "(".repeat(17) + "a pr" + ")".repeat(17);
    assertThatThrownBy(() -> FilterParser.parse(text))
        .isInstanceOf(ScimException.class)
        .hasMessage("the filter nests deeper than the limit of 16 levels at position 16");
  }

  @Test
  void deeplyNestedParenthesesAreRejectedWithoutExhaustingTheStack() {
    String text = "(".repeat(2000) + "a pr" + ")".repeat(2000);
    assertThatThrownBy(() -> FilterParser.parse(text))
        .isInstanceOf(ScimException.class)
        .hasMessageContaining("limit of 16 levels");
  }

  @Test
  void customLimitsCountNotValuePathsAndLogicalOperators() {
    FilterParser parser = new FilterParser(new FilterLimits(100, 2));
    assertThat(parser.parseFilter("not (a pr and b pr)")).isEqualTo(not(and(pr("a"), pr("b"))));
    assertThat(parser.parseFilter("a pr or b pr or c pr and d pr"))
        .isEqualTo(or(or(pr("a"), pr("b")), and(pr("c"), pr("d"))));
    assertThatThrownBy(() -> parser.parseFilter("not (a pr and (b pr or c pr))"))
        .hasMessage("the filter nests deeper than the limit of 2 levels at position 10");
    assertThatThrownBy(() -> parser.parseFilter("emails[not (type pr or value pr)]"))
        .hasMessage("the filter nests deeper than the limit of 2 levels at position 6");
    assertThatThrownBy(() -> parser.parseFilter("userName eq \"" + "x".repeat(90) + "\""))
        .hasMessage("the filter is 104 characters long; the limit is 100");
  }

  @Test
  void limitsRejectNonPositiveValues() {
    assertThatThrownBy(() -> new FilterLimits(0, 16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxLength must be at least 1 but was 0");
    assertThatThrownBy(() -> new FilterLimits(4096, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxDepth must be at least 1 but was -1");
  }
}
