package com.classlark.scim.protocol.schema;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One attribute of a SCIM schema with its characteristics (RFC 7643 §2.2, §7). The single
 * definition drives validation, output, {@code /Schemas}, filtering and PATCH paths.
 *
 * @param name canonical attribute name, e.g. {@code userName}
 * @param subAttributes sub-attributes of a complex attribute; empty otherwise
 * @param canonicalValues allowed or suggested values; empty when none
 * @param referenceTypes for {@link AttributeType#REFERENCE} attributes; empty otherwise
 */
public record AttributeDefinition(
    String name,
    AttributeType type,
    boolean multiValued,
    String description,
    boolean required,
    boolean caseExact,
    Mutability mutability,
    Returned returned,
    Uniqueness uniqueness,
    List<String> canonicalValues,
    List<String> referenceTypes,
    List<AttributeDefinition> subAttributes) {

  public AttributeDefinition {
    canonicalValues = List.copyOf(canonicalValues);
    referenceTypes = List.copyOf(referenceTypes);
    subAttributes = List.copyOf(subAttributes);
  }

  /**
   * Finds a sub-attribute by name, ignoring case (RFC 7643 §2.1: attribute names are
   * case-insensitive).
   */
  public Optional<AttributeDefinition> subAttribute(String subName) {
    String wanted = subName.toLowerCase(Locale.ROOT);
    for (AttributeDefinition sub : subAttributes) {
      if (sub.name().toLowerCase(Locale.ROOT).equals(wanted)) {
        return Optional.of(sub);
      }
    }
    return Optional.empty();
  }

  public boolean isComplex() {
    return type == AttributeType.COMPLEX;
  }
}
