package com.classlark.scim.store;

import com.classlark.scim.directory.ListRequest;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.protocol.filter.ScimDateTime;
import com.classlark.scim.protocol.resource.ResourceLayout;
import com.classlark.scim.protocol.schema.AttributeDefinition;
import com.classlark.scim.protocol.schema.ResolvedAttribute;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Locale;

/**
 * Sorting by an attribute that has no column (RFC 7644 §3.4.2.3): by the attribute's type and case
 * rules, resources without a value last in ascending order, then by id so the order is total. A
 * multi-valued attribute sorts by its primary value, else its first.
 */
final class InMemorySort {
  private InMemorySort() {}

  /** A resource reduced to what sorting needs: its sort key (null when absent) and its id. */
  @SuppressWarnings("rawtypes")
  record Keyed(Comparable key, String id) {}

  static Keyed keyed(ListRequest.Sort sort, StoredResource resource, ObjectNode representation) {
    return new Keyed(key(sort.attribute(), representation), resource.id());
  }

  static Comparator<Keyed> comparator(ListRequest.Sort sort) {
    Comparator<Keyed> ascending =
        Comparator.comparing(Keyed::key, Comparator.nullsLast(InMemorySort::compareKeys))
            .thenComparing(Keyed::id);
    return sort.descending() ? ascending.reversed() : ascending;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareKeys(Comparable left, Comparable right) {
    return left.compareTo(right);
  }

  @SuppressWarnings("rawtypes")
  static Comparable key(ResolvedAttribute attribute, ObjectNode resource) {
    // Stored documents are canonical, so the attribute is read where the layout puts it.
    JsonNode value = ResourceLayout.get(resource, attribute);
    if (value.isArray()) {
      JsonNode chosen = null;
      for (JsonNode element : value) {
        if (chosen == null || element.path("primary").asBoolean(false)) {
          chosen = element;
        }
        if (element.path("primary").asBoolean(false)) {
          break;
        }
      }
      value = chosen == null ? value.path(0) : chosen;
    }
    if (attribute.subAttribute() != null) {
      value = value.path(attribute.subAttribute().name());
    }
    if (value.isMissingNode() || value.isNull() || value.isContainerNode()) {
      return null;
    }
    AttributeDefinition target = attribute.target();
    return switch (target.type()) {
      case BOOLEAN -> value.asBoolean();
      case INTEGER, DECIMAL ->
          value.isNumber() ? value.decimalValue() : parseDecimal(value.asText());
      case DATE_TIME -> ScimDateTime.parse(value.asText()).orElse(null);
      case STRING, REFERENCE, BINARY, COMPLEX ->
          target.caseExact() ? value.asText() : value.asText().toLowerCase(Locale.ROOT);
    };
  }

  private static BigDecimal parseDecimal(String text) {
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
