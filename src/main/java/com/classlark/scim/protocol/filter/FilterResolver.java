package com.classlark.scim.protocol.filter;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.schema.AttrPath;
import com.classlark.scim.protocol.schema.AttributeDefinition;
import com.classlark.scim.protocol.schema.AttributeType;
import com.classlark.scim.protocol.schema.ResolvedAttribute;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.classlark.scim.protocol.schema.ScimDateTime;
import java.util.Locale;

/**
 * Checks a parsed filter against a resource type and returns the same filter with canonical paths
 * (RFC 7644 §3.4.2.2, RFC 7643 §2.1: attribute names are case-insensitive). In the result:
 *
 * <ul>
 *   <li>attribute and sub-attribute names have the case of their definition;
 *   <li>a schema URN is present only on extension attributes, in the extension's canonical case;
 *       the core schema prefix is dropped;
 *   <li>paths inside a value path are canonical sub-attribute names of the enclosing attribute;
 *   <li>a complex attribute compared without a sub-attribute ({@code emails co "x"}, {@code members
 *       eq "id"}) compares its {@code value} sub-attribute ({@code emails.value co "x"});
 *   <li>comparison values are unchanged: consumers interpret them by the attribute's type (see
 *       {@link FilterEvaluator}).
 * </ul>
 *
 * <p>Rejections are {@code invalidFilter} whose detail names the attribute as the client wrote it:
 * unknown attributes and sub-attributes; {@code gt}/{@code ge}/{@code lt}/{@code le} on boolean or
 * binary attributes (RFC 7644 §3.4.2.2, Table 3) or on a complex attribute without sub-attribute;
 * {@code co}/{@code sw}/{@code ew} on boolean, number or dateTime attributes; a value path on a
 * non-complex attribute; {@code null} with any operator but {@code eq}/{@code ne}; and a value that
 * cannot be of the attribute's type (a boolean compared with anything but {@code true}, {@code
 * false} or the strings "true"/"false" in any case; a number compared with a non-number; a dateTime
 * compared with a string that is not an ISO 8601 date-time).
 */
public final class FilterResolver {
  private FilterResolver() {}

  /**
   * Resolves every path of {@code filter} against {@code type}.
   *
   * @throws ScimException {@code invalidFilter} when the filter cannot apply to this resource type
   */
  public static Filter resolve(ResourceTypeDefinition type, Filter filter) {
    return switch (filter) {
      case Filter.And(var left, var right) ->
          new Filter.And(resolve(type, left), resolve(type, right));
      case Filter.Or(var left, var right) ->
          new Filter.Or(resolve(type, left), resolve(type, right));
      case Filter.Not(var inner) -> new Filter.Not(resolve(type, inner));
      case Filter.Present(var path) -> new Filter.Present(canonical(attribute(type, path)));
      case Filter.Compare(var path, var op, var value) -> {
        ResolvedAttribute resolved = comparedAttribute(attribute(type, path), op, path);
        checkComparison(resolved.target(), op, value, path.toString());
        yield new Filter.Compare(canonical(resolved), op, value);
      }
      case Filter.ValuePath(var path, var inner) -> {
        ResolvedAttribute resolved = attribute(type, path);
        if (resolved.sub().isPresent() || !resolved.attribute().isComplex()) {
          throw ScimException.invalidFilter(
              "a value filter '[...]' needs a complex attribute but '"
                  + path
                  + "' is "
                  + article(resolved.target())
                  + " attribute");
        }
        yield new Filter.ValuePath(
            canonical(resolved), resolveInner(resolved.attribute(), path, inner));
      }
    };
  }

  /** Resolves a value filter whose paths name sub-attributes of {@code parent}. */
  private static Filter resolveInner(
      AttributeDefinition parent, AttrPath parentPath, Filter inner) {
    return switch (inner) {
      case Filter.And(var left, var right) ->
          new Filter.And(
              resolveInner(parent, parentPath, left), resolveInner(parent, parentPath, right));
      case Filter.Or(var left, var right) ->
          new Filter.Or(
              resolveInner(parent, parentPath, left), resolveInner(parent, parentPath, right));
      case Filter.Not(var negated) -> new Filter.Not(resolveInner(parent, parentPath, negated));
      case Filter.Present(var path) ->
          new Filter.Present(AttrPath.of(subAttribute(parent, parentPath, path).name()));
      case Filter.Compare(var path, var op, var value) -> {
        AttributeDefinition sub = subAttribute(parent, parentPath, path);
        checkComparison(sub, op, value, parentPath + "." + path);
        yield new Filter.Compare(AttrPath.of(sub.name()), op, value);
      }
      case Filter.ValuePath(var path, var nested) ->
          throw ScimException.invalidFilter(
              "nested value filter '" + path + "[...]' inside '" + parentPath + "[...]'");
    };
  }

  private static ResolvedAttribute attribute(ResourceTypeDefinition type, AttrPath path) {
    return type.resolve(path)
        .orElseThrow(
            () -> {
              boolean parentKnown =
                  path.subAttribute() != null
                      && type.resolve(new AttrPath(path.schemaUrn(), path.attribute(), null))
                          .isPresent();
              return ScimException.invalidFilter(
                  (parentKnown ? "unknown sub-attribute '" : "unknown attribute '")
                      + path
                      + "' in filter");
            });
  }

  private static AttributeDefinition subAttribute(
      AttributeDefinition parent, AttrPath parentPath, AttrPath path) {
    if (path.schemaUrn() != null || path.subAttribute() != null) {
      throw ScimException.invalidFilter(
          "expected a sub-attribute name of '"
              + parentPath
              + "' inside '[...]' but found '"
              + path
              + "'");
    }
    return parent
        .subAttribute(path.attribute())
        .orElseThrow(
            () ->
                ScimException.invalidFilter(
                    "unknown sub-attribute '" + path + "' of '" + parentPath + "' in filter"));
  }

  /** A complex attribute compared as a whole means its {@code value} (RFC 7644 §3.4.2.2). */
  private static ResolvedAttribute comparedAttribute(
      ResolvedAttribute resolved, CompareOp op, AttrPath path) {
    if (resolved.sub().isPresent() || !resolved.attribute().isComplex()) {
      return resolved;
    }
    if (op.isOrdering()) {
      throw ScimException.invalidFilter(
          "operator '"
              + op.keyword()
              + "' cannot compare the complex attribute '"
              + path
              + "'; name one of its sub-attributes");
    }
    AttributeDefinition value =
        resolved
            .attribute()
            .subAttribute("value")
            .orElseThrow(
                () ->
                    ScimException.invalidFilter(
                        "attribute '" + path + "' is complex; name one of its sub-attributes"));
    return resolved.withSub(value);
  }

  private static void checkComparison(
      AttributeDefinition target, CompareOp op, ScimValue value, String written) {
    if (value instanceof ScimValue.Null) {
      if (op != CompareOp.EQ && op != CompareOp.NE) {
        throw ScimException.invalidFilter(
            "operator '"
                + op.keyword()
                + "' cannot compare '"
                + written
                + "' with null; only eq and ne can");
      }
      return;
    }
    boolean valueFits =
        switch (target.type()) {
          case STRING, REFERENCE -> true;
          case BINARY -> {
            rejectOrdering(target, op, written);
            yield true;
          }
          case BOOLEAN -> {
            rejectOrdering(target, op, written);
            rejectSubstring(target, op, written);
            yield ValueComparison.booleanOf(value).isPresent();
          }
          case INTEGER, DECIMAL -> {
            rejectSubstring(target, op, written);
            yield ValueComparison.decimalOf(value).isPresent();
          }
          case DATE_TIME -> {
            rejectSubstring(target, op, written);
            yield value instanceof ScimValue.Str(var text) && ScimDateTime.parse(text).isPresent();
          }
          case COMPLEX ->
              throw ScimException.invalidFilter(
                  "attribute '" + written + "' is complex; name one of its sub-attributes");
        };
    if (!valueFits) {
      String hint =
          target.type() == AttributeType.DATE_TIME
              ? "; expected an ISO 8601 date-time such as \"2026-01-31T08:00:00Z\""
              : "";
      throw ScimException.invalidFilter(
          "cannot compare the "
              + target.type().scimName()
              + " attribute '"
              + written
              + "' with "
              + FilterRenderer.renderValue(value)
              + hint);
    }
  }

  /** RFC 7644 §3.4.2.2, Table 3: boolean and binary attributes have no order. */
  private static void rejectOrdering(AttributeDefinition target, CompareOp op, String written) {
    if (op.isOrdering()) {
      throw ScimException.invalidFilter(
          "operator '"
              + op.keyword()
              + "' is not defined for the "
              + target.type().scimName()
              + " attribute '"
              + written
              + "'");
    }
  }

  private static void rejectSubstring(AttributeDefinition target, CompareOp op, String written) {
    if (op == CompareOp.CO || op == CompareOp.SW || op == CompareOp.EW) {
      throw ScimException.invalidFilter(
          "operator '"
              + op.keyword()
              + "' is not defined for the "
              + target.type().scimName()
              + " attribute '"
              + written
              + "'");
    }
  }

  private static String article(AttributeDefinition definition) {
    String typeName = definition.type().scimName();
    boolean vowel = "aeiou".indexOf(typeName.toLowerCase(Locale.ROOT).charAt(0)) >= 0;
    return (vowel ? "an " : "a ") + typeName;
  }

  private static AttrPath canonical(ResolvedAttribute resolved) {
    return resolved.path();
  }
}
