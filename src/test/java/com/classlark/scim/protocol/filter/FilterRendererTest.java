package com.classlark.scim.protocol.filter;

import static com.classlark.scim.protocol.filter.CompareOp.GT;
import static com.classlark.scim.protocol.filter.FilterTrees.and;
import static com.classlark.scim.protocol.filter.FilterTrees.compare;
import static com.classlark.scim.protocol.filter.FilterTrees.eq;
import static com.classlark.scim.protocol.filter.FilterTrees.not;
import static com.classlark.scim.protocol.filter.FilterTrees.num;
import static com.classlark.scim.protocol.filter.FilterTrees.or;
import static com.classlark.scim.protocol.filter.FilterTrees.path;
import static com.classlark.scim.protocol.filter.FilterTrees.pr;
import static com.classlark.scim.protocol.filter.FilterTrees.valuePath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.classlark.scim.protocol.schema.AttrPath;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterRendererTest {

  private static final Filter A = pr("a");
  private static final Filter B = pr("b");
  private static final Filter C = pr("c");

  static Stream<Arguments> renderings() {
    return Stream.of(
        arguments(eq("userName", "bjensen"), "userName eq \"bjensen\""),
        arguments(
            eq("title", "say \"hi\"\\\n\t\u0001"), "title eq \"say \\\"hi\\\"\\\\\\n\\t\\u0001\""),
        arguments(compare(path("meta", "created"), GT, num("1E+3")), "meta.created gt 1E+3"),
        arguments(eq("manager", new ScimValue.Null()), "manager eq null"),
        arguments(eq("active", new ScimValue.Bool(false)), "active eq false"),
        arguments(or(or(A, B), C), "a pr or b pr or c pr"),
        arguments(or(A, or(B, C)), "a pr or (b pr or c pr)"),
        arguments(and(and(A, B), C), "a pr and b pr and c pr"),
        arguments(and(A, and(B, C)), "a pr and (b pr and c pr)"),
        arguments(or(A, and(B, C)), "a pr or b pr and c pr"),
        arguments(and(or(A, B), C), "(a pr or b pr) and c pr"),
        arguments(and(A, or(B, C)), "a pr and (b pr or c pr)"),
        arguments(not(or(A, B)), "not (a pr or b pr)"),
        arguments(
            valuePath("emails", and(eq("type", "work"), eq("value", "x"))),
            "emails[type eq \"work\" and value eq \"x\"]"),
        arguments(
            new Filter.ValuePath(
                new AttrPath(FilterTrees.ENTERPRISE, "manager", null), eq("value", "x")),
            FilterTrees.ENTERPRISE + ":manager[value eq \"x\"]"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("renderings")
  void rendersCanonicalTextThatParsesBack(Filter filter, String expected) {
    assertThat(FilterRenderer.render(filter)).isEqualTo(expected);
    assertThat(FilterParser.parse(expected)).isEqualTo(filter);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("com.classlark.scim.protocol.filter.FilterParserTest#validFilters")
  void renderingAValidFilterParsesBackToTheSameTree(String text, Filter expected) {
    Filter parsed = FilterParser.parse(text);
    assertThat(FilterParser.parse(FilterRenderer.render(parsed))).isEqualTo(parsed);
  }
}
