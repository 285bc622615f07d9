package com.classlark.scim.protocol.filter;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.schema.AttrPath;
import com.classlark.scim.protocol.schema.ResolvedAttribute;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Evaluates a filter in memory against the JSON representation of a resource (RFC 7644 §3.4.2.2).
 * The filter must have been through {@link FilterResolver}; the evaluator does not repeat its
 * checks. Stateless and thread-safe.
 *
 * <p>Semantics, per attribute type of the path's target:
 *
 * <ul>
 *   <li>strings, references and binaries compare as text, ignoring case (folded with {@code
 *       Locale.ROOT}) unless the attribute is caseExact; a {@link ScimValue.Num} compares by its
 *       plain text ({@code employeeNumber eq 123} matches {@code "123"}), a {@link ScimValue.Bool}
 *       by {@code "true"}/{@code "false"}; {@code gt}/{@code ge}/{@code lt}/{@code le} are
 *       lexicographic;
 *   <li>dateTimes compare as instants whatever their offset ({@code 2026-01-01T00:00:00Z} equals
 *       {@code 2026-01-01T01:00:00+01:00});
 *   <li>integers and decimals compare numerically ({@code 1.0} equals {@code 1});
 *   <li>booleans support only {@code eq} and {@code ne}; the strings "true"/"false" in any case
 *       count as booleans;
 *   <li>{@code pr} is false for a missing attribute, JSON {@code null}, {@code ""}, {@code []} and
 *       {@code {}}; {@code eq null} is {@code not pr} and {@code ne null} is {@code pr};
 *   <li>on a multi-valued attribute ({@code emails.value eq "x"}, {@code emails[type eq "work"]})
 *       the filter matches when any one value matches;
 *   <li>{@code ne} matches an attribute without values: RFC 7644 defines {@code ne} only as "not
 *       identical", and RFC 7643 §2.5 makes an unassigned attribute equivalent to {@code null},
 *       which is not identical to any value. Every other operator is false on an attribute without
 *       values.
 * </ul>
 */
public final class FilterEvaluator {

  private final ResourceTypeDefinition type;

  public FilterEvaluator(ResourceTypeDefinition type) {
    if (type == null) {
      throw new IllegalArgumentException("type must not be null");
    }
    this.type = type;
  }

  /**
   * True when {@code resource} matches {@code filter}.
   *
   * @param filter a filter returned by {@link FilterResolver#resolve}
   * @param resource the resource JSON: core attributes at top level, extension attributes under
   *     their schema URN
   */
  public boolean matches(Filter filter, ObjectNode resource) {
    return switch (filter) {
      case Filter.And(var left, var right) -> matches(left, resource) && matches(right, resource);
      case Filter.Or(var left, var right) -> matches(left, resource) || matches(right, resource);
      case Filter.Not(var inner) -> !matches(inner, resource);
      case Filter.Present(var path) -> ValueComparison.present(definition(path).values(resource));
      case Filter.Compare(var path, var op, var value) -> {
        ResolvedAttribute attribute = definition(path);
        yield ValueComparison.matches(attribute.target(), op, value, attribute.values(resource));
      }
      case Filter.ValuePath(var path, var inner) -> {
        ResolvedAttribute parent = definition(path);
        for (JsonNode element : ResolvedAttribute.elements(parent.get(resource))) {
          if (matchesValue(inner, element, parent)) {
            yield true;
          }
        }
        yield false;
      }
    };
  }

  /**
   * True when one value of a multi-valued complex attribute matches a value filter, as in a PATCH
   * path {@code emails[type eq "work"]} (RFC 7644 §3.5.2).
   *
   * @param inner the resolved value filter; its paths are sub-attribute names of {@code
   *     parentAttribute}
   * @param multiValuedElement one element of the attribute's JSON array (or the value of a
   *     single-valued complex attribute)
   * @param parentAttribute the attribute the element belongs to
   */
  public boolean matchesValue(
      Filter inner, JsonNode multiValuedElement, ResolvedAttribute parentAttribute) {
    return switch (inner) {
      case Filter.And(var left, var right) ->
          matchesValue(left, multiValuedElement, parentAttribute)
              && matchesValue(right, multiValuedElement, parentAttribute);
      case Filter.Or(var left, var right) ->
          matchesValue(left, multiValuedElement, parentAttribute)
              || matchesValue(right, multiValuedElement, parentAttribute);
      case Filter.Not(var negated) -> !matchesValue(negated, multiValuedElement, parentAttribute);
      case Filter.Present(var path) ->
          ValueComparison.present(
              subDefinition(parentAttribute, path).valuesIn(multiValuedElement));
      case Filter.Compare(var path, var op, var value) -> {
        ResolvedAttribute sub = subDefinition(parentAttribute, path);
        yield ValueComparison.matches(sub.target(), op, value, sub.valuesIn(multiValuedElement));
      }
      case Filter.ValuePath(var path, var nested) ->
          throw ScimException.invalidFilter(
              "nested value filter '"
                  + path
                  + "[...]' inside '"
                  + parentAttribute.canonicalPath()
                  + "'");
    };
  }

  private ResolvedAttribute definition(AttrPath path) {
    return type.resolve(path)
        .orElseThrow(
            () -> ScimException.invalidFilter("unknown attribute '" + path + "' in filter"));
  }

  private static ResolvedAttribute subDefinition(ResolvedAttribute parent, AttrPath path) {
    return parent
        .attribute()
        .subAttribute(path.attribute())
        .map(parent::withSub)
        .orElseThrow(
            () ->
                ScimException.invalidFilter(
                    "unknown sub-attribute '"
                        + path
                        + "' of '"
                        + parent.attribute().name()
                        + "' in filter"));
  }
}
