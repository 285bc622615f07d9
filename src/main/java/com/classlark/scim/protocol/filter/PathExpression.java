package com.classlark.scim.protocol.filter;

import com.classlark.scim.protocol.schema.AttrPath;
import java.util.Optional;

/**
 * A PATCH operation's {@code path} (RFC 7644 §3.5.2: {@code PATH = attrPath / valuePath
 * [subAttr]}).
 *
 * <ul>
 *   <li>{@code name.givenName}: attribute {@code AttrPath(null, "name", "givenName")}, no filter,
 *       no sub-attribute;
 *   <li>{@code members[value eq "2819c223"]}: attribute {@code members}, the value filter, no
 *       sub-attribute;
 *   <li>{@code emails[type eq "work"].value}: attribute {@code emails}, the value filter,
 *       sub-attribute {@code value}.
 * </ul>
 *
 * <p>Names keep the case the client wrote.
 *
 * @param attribute the attribute the path starts from; has a sub-attribute only when there is no
 *     value filter
 * @param valueFilter the filter inside {@code [...]}, whose paths are sub-attribute names relative
 *     to {@code attribute}; {@code null} when the path has no value filter
 * @param subAttribute the sub-attribute written after {@code ]}; {@code null} when absent (always
 *     {@code null} without a value filter)
 */
public record PathExpression(AttrPath attribute, Filter valueFilter, String subAttribute) {

  public PathExpression {
    if (attribute == null) {
      throw new IllegalArgumentException("attribute must not be null");
    }
    if (subAttribute != null && valueFilter == null) {
      throw new IllegalArgumentException(
          "subAttribute needs a valueFilter; write the sub-attribute into the AttrPath instead");
    }
  }

  public Optional<Filter> filter() {
    return Optional.ofNullable(valueFilter);
  }

  public Optional<String> sub() {
    return Optional.ofNullable(subAttribute);
  }
}
