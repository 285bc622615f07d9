package com.classlark.scim.protocol.patch;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.filter.Filter;
import com.classlark.scim.protocol.filter.FilterRenderer;
import com.classlark.scim.protocol.filter.FilterResolver;
import com.classlark.scim.protocol.filter.PathExpression;
import com.classlark.scim.protocol.schema.AttrPath;
import com.classlark.scim.protocol.schema.AttributeDefinition;
import com.classlark.scim.protocol.schema.Mutability;
import com.classlark.scim.protocol.schema.ResolvedAttribute;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;

/**
 * What a PATCH {@code path} selects in a resource (RFC 7644 §3.5.2, {@code PATH = attrPath /
 * valuePath [subAttr]}), resolved against the resource type. Every case knows its top-level
 * attribute and the path as text for error details.
 */
sealed interface PatchTarget {

  /** The top-level attribute the path starts from, without sub-attribute. */
  ResolvedAttribute attribute();

  /** The canonical path text, e.g. {@code emails[type eq "work"].value}. */
  String text();

  /** A whole attribute: {@code nickName}, {@code emails}, {@code name}, {@code ...:manager}. */
  record Whole(ResolvedAttribute attribute) implements PatchTarget {
    @Override
    public String text() {
      return attribute.canonicalPath();
    }
  }

  /** A sub-attribute of a singular complex attribute: {@code name.givenName}. */
  record Sub(ResolvedAttribute attribute, AttributeDefinition sub) implements PatchTarget {
    @Override
    public String text() {
      return attribute.withSub(sub).canonicalPath();
    }
  }

  /**
   * Values of a complex attribute: those matching {@code filter} ({@code emails[type eq "work"]}),
   * or every value when {@code filter} is null ({@code emails.display}); the whole value when
   * {@code sub} is null, else that sub-attribute of it ({@code emails[type eq "work"].value}).
   *
   * @param filter the resolved value filter, its paths canonical sub-attribute names; may be null
   * @param sub the sub-attribute; may be null
   */
  record Values(ResolvedAttribute attribute, Filter filter, AttributeDefinition sub)
      implements PatchTarget {
    @Override
    public String text() {
      String base = attribute.canonicalPath();
      if (filter != null) {
        base += "[" + FilterRenderer.render(filter) + "]";
      }
      return sub == null ? base : base + "." + sub.name();
    }
  }

  /**
   * Resolves a path against a resource type.
   *
   * @throws ScimException {@code invalidPath} when it names no attribute of the type, {@code
   *     invalidFilter} when its value filter cannot apply
   */
  static PatchTarget resolve(ResourceTypeDefinition type, PathExpression path) {
    AttrPath written = path.attribute();
    AttrPath top = new AttrPath(written.schemaUrn(), written.attribute(), null);
    ResolvedAttribute attribute =
        type.resolve(top)
            .orElseThrow(
                () ->
                    ScimException.invalidPath(
                        "'" + top + "' is not an attribute of a " + type.name()));
    AttributeDefinition definition = attribute.attribute();
    if (path.valueFilter() == null) {
      if (written.subAttribute() == null) {
        return new Whole(attribute);
      }
      AttributeDefinition sub = subAttribute(definition, written.subAttribute(), written);
      return definition.multiValued() ? new Values(attribute, null, sub) : new Sub(attribute, sub);
    }
    Filter.ValuePath resolved =
        (Filter.ValuePath)
            FilterResolver.resolve(type, new Filter.ValuePath(top, path.valueFilter()));
    AttributeDefinition sub =
        path.subAttribute() == null ? null : subAttribute(definition, path.subAttribute(), written);
    return new Values(attribute, resolved.inner(), sub);
  }

  private static AttributeDefinition subAttribute(
      AttributeDefinition parent, String name, AttrPath written) {
    return parent
        .subAttribute(name)
        .orElseThrow(
            () ->
                ScimException.invalidPath(
                    "'" + name + "' is not a sub-attribute of '" + written.attribute() + "'"));
  }

  /**
   * True when the target is read-only (RFC 7643 §7): its attribute, or the sub-attribute it names.
   */
  static boolean readOnly(PatchTarget target) {
    if (target.attribute().attribute().mutability() == Mutability.READ_ONLY) {
      return true;
    }
    return switch (target) {
      case Whole whole -> false;
      case Sub(var attribute, var sub) -> sub.mutability() == Mutability.READ_ONLY;
      case Values(var attribute, var filter, var sub) ->
          sub != null && sub.mutability() == Mutability.READ_ONLY;
    };
  }
}
