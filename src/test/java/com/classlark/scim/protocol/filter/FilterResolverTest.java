package com.classlark.scim.protocol.filter;

import static com.classlark.scim.protocol.filter.CompareOp.CO;
import static com.classlark.scim.protocol.filter.CompareOp.GE;
import static com.classlark.scim.protocol.filter.CompareOp.GT;
import static com.classlark.scim.protocol.filter.CompareOp.NE;
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

class FilterResolverTest {

  private static Filter resolveUser(String text) {
    return FilterResolver.resolve(FilterTestResourceTypes.USER, FilterParser.parse(text));
  }

  static Stream<Arguments> resolvableFilters() {
    return Stream.of(
        arguments("USERNAME eq \"x\"", eq("userName", "x")),
        arguments("name.GIVENNAME eq \"x\"", eq(path("name", "givenName"), str("x"))),
        arguments(CORE_USER + ":userName eq \"x\"", eq("userName", "x")),
        arguments(CORE_USER.toUpperCase() + ":USERNAME eq \"x\"", eq("userName", "x")),
        arguments(CORE_USER + ":name.familyName pr", pr(path("name", "familyName"))),
        arguments(
            ENTERPRISE.toLowerCase() + ":EMPLOYEENUMBER eq 123",
            eq(urnPath(ENTERPRISE, "employeeNumber", null), num("123"))),
        arguments(
            ENTERPRISE + ":manager.VALUE eq \"m-1\"",
            eq(urnPath(ENTERPRISE, "manager", "value"), str("m-1"))),
        arguments(
            ENTERPRISE + ":manager eq \"m-1\"",
            eq(urnPath(ENTERPRISE, "manager", "value"), str("m-1"))),
        arguments(ENTERPRISE + ":manager pr", pr(urnPath(ENTERPRISE, "manager", null))),
        arguments(
            "employeeNumber eq 123", eq(urnPath(ENTERPRISE, "employeeNumber", null), num("123"))),
        arguments(PLANNER + ":ROOM eq \"A113\"", eq(urnPath(PLANNER, "room", null), str("A113"))),
        arguments("emails co \"x\"", compare(path("emails", "value"), CO, str("x"))),
        arguments(
            "x509certificates eq \"MIID\"", eq(path("x509Certificates", "value"), str("MIID"))),
        arguments("emails pr", pr("emails")),
        arguments("EMAILS[TYPE eq \"work\"]", valuePath("emails", eq("type", "work"))),
        arguments(
            "emails[type eq \"work\"].VALUE eq \"x\"",
            valuePath("emails", and(eq("type", "work"), eq("value", "x")))),
        arguments(
            "emails[not (Primary eq true) or Display pr]",
            valuePath("emails", or(not(eq("primary", bool(true))), pr("display")))),
        arguments(
            ENTERPRISE + ":Manager[Value eq \"m-1\"]",
            valuePath(urnPath(ENTERPRISE, "manager", null), eq("value", "m-1"))),
        arguments(
            "meta.LASTMODIFIED gt \"2026-01-01T00:00:00Z\"",
            compare(path("meta", "lastModified"), GT, str("2026-01-01T00:00:00Z"))),
        arguments("ID eq \"x\" and EXTERNALID eq \"y\"", and(eq("id", "x"), eq("externalId", "y"))),
        arguments("active eq \"True\"", eq("active", str("True"))),
        arguments("active ne FALSE", compare(path("active"), NE, bool(false))),
        arguments("loginCount ge \"5\"", compare(path("loginCount"), GE, str("5"))),
        arguments("score gt 4.5", compare(path("score"), GT, num("4.5"))),
        arguments("hiredAt eq \"2020-09-01T08:00:00\"", eq("hiredAt", "2020-09-01T08:00:00")),
        arguments("aliases eq \"babs\"", eq("aliases", "babs")),
        arguments("title eq null", eq("title", nul())),
        arguments("active eq null", eq("active", nul())),
        arguments("title eq 42", eq("title", num("42"))),
        arguments(
            "not (title pr) or nickname sw \"B\"",
            or(not(pr("title")), compare(path("nickName"), CompareOp.SW, str("B")))));
  }

  static Stream<Arguments> unresolvableFilters() {
    return Stream.of(
        arguments("fooBar eq \"x\"", "unknown attribute 'fooBar' in filter"),
        arguments("name.middle eq \"x\"", "unknown sub-attribute 'name.middle' in filter"),
        arguments("userName.foo eq \"x\"", "unknown sub-attribute 'userName.foo' in filter"),
        arguments(
            "urn:unknown:schema:attr eq \"x\"",
            "unknown attribute 'urn:unknown:schema:attr' in filter"),
        arguments("schemas eq \"" + CORE_USER + "\"", "unknown attribute 'schemas' in filter"),
        arguments("emails[foo eq \"x\"]", "unknown sub-attribute 'foo' of 'emails' in filter"),
        arguments(
            "emails[type eq \"work\"].foo eq \"x\"",
            "unknown sub-attribute 'foo' of 'emails' in filter"),
        arguments(
            "active gt true", "operator 'gt' is not defined for the boolean attribute 'active'"),
        arguments(
            "active co \"t\"", "operator 'co' is not defined for the boolean attribute 'active'"),
        arguments(
            "emails[primary le true]",
            "operator 'le' is not defined for the boolean attribute 'emails.primary'"),
        arguments(
            "x509Certificates.value lt \"a\"",
            "operator 'lt' is not defined for the binary attribute 'x509Certificates.value'"),
        arguments(
            "meta.created sw \"2026\"",
            "operator 'sw' is not defined for the dateTime attribute 'meta.created'"),
        arguments(
            "loginCount ew \"1\"",
            "operator 'ew' is not defined for the integer attribute 'loginCount'"),
        arguments(
            "emails gt \"x\"",
            "operator 'gt' cannot compare the complex attribute 'emails'; name one of its"
                + " sub-attributes"),
        arguments("name eq \"x\"", "attribute 'name' is complex; name one of its sub-attributes"),
        arguments(
            "userName[value eq \"x\"]",
            "a value filter '[...]' needs a complex attribute but 'userName' is a string"
                + " attribute"),
        arguments(
            "aliases[value eq \"x\"]",
            "a value filter '[...]' needs a complex attribute but 'aliases' is a string attribute"),
        arguments(
            "active eq \"yes\"", "cannot compare the boolean attribute 'active' with \"yes\""),
        arguments("active eq 1", "cannot compare the boolean attribute 'active' with 1"),
        arguments(
            "emails[primary eq \"no\"]",
            "cannot compare the boolean attribute 'emails.primary' with \"no\""),
        arguments(
            "loginCount eq \"many\"",
            "cannot compare the integer attribute 'loginCount' with \"many\""),
        arguments("score lt true", "cannot compare the decimal attribute 'score' with true"),
        arguments(
            "meta.created gt \"yesterday\"",
            "cannot compare the dateTime attribute 'meta.created' with \"yesterday\"; expected an"
                + " ISO 8601 date-time such as \"2026-01-31T08:00:00Z\""),
        arguments(
            "hiredAt eq 2020",
            "cannot compare the dateTime attribute 'hiredAt' with 2020; expected an ISO 8601"
                + " date-time such as \"2026-01-31T08:00:00Z\""),
        arguments(
            "title co null", "operator 'co' cannot compare 'title' with null; only eq and ne can"),
        arguments(
            "meta.created gt null",
            "operator 'gt' cannot compare 'meta.created' with null; only eq and ne can"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("resolvableFilters")
  void resolvesToCanonicalPaths(String text, Filter expected) {
    assertThat(resolveUser(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("unresolvableFilters")
  void rejectsFilterThatCannotApplyNamingTheAttribute(String text, String detail) {
    assertThatThrownBy(() -> resolveUser(text))
        .isInstanceOfSatisfying(
            ScimException.class,
            error -> {
              assertThat(error.scimType()).contains(ScimType.INVALID_FILTER);
              assertThat(error.detail()).isEqualTo(detail);
            });
  }

  @Test
  void membersComparedAsAWholeMeansTheirValue() {
    Filter resolved =
        FilterResolver.resolve(
            FilterTestResourceTypes.GROUP, FilterParser.parse("MEMBERS eq \"2819c223\""));
    assertThat(resolved).isEqualTo(eq(path("members", "value"), str("2819c223")));
  }

  @Test
  void resolvedFilterRendersAsCanonicalText() {
    Filter resolved =
        resolveUser(
            CORE_USER.toUpperCase()
                + ":EMAILS[TYPE eq \"work\"] and "
                + ENTERPRISE.toLowerCase()
                + ":MANAGER co \"m\"");
    assertThat(FilterRenderer.render(resolved))
        .isEqualTo("emails[type eq \"work\"] and " + ENTERPRISE + ":manager.value co \"m\"");
  }

  @Test
  void handBuiltNestedValuePathIsRejected() {
    Filter nested = valuePath("emails", valuePath("type", eq("value", "x")));
    assertThatThrownBy(() -> FilterResolver.resolve(FilterTestResourceTypes.USER, nested))
        .isInstanceOf(ScimException.class)
        .hasMessage("nested value filter 'type[...]' inside 'emails[...]'");
  }
}
