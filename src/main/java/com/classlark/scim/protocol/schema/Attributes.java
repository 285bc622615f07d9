package com.classlark.scim.protocol.schema;

import java.util.List;

/**
 * A small builder for {@link AttributeDefinition}s so schema definitions read like the tables of
 * RFC 7643 §8.7.1. Every builder starts from the RFC's defaults (RFC 7643 §2.2): not multi-valued,
 * not required, {@code caseExact} false, {@code readWrite}, returned {@code default}, uniqueness
 * {@code none}.
 *
 * <pre>{@code
 * Attributes.string("title").description("The user's title, e.g. \"Head of Science\".").build()
 * }</pre>
 */
public final class Attributes {
  private Attributes() {}

  public static Builder string(String name) {
    return new Builder(name, AttributeType.STRING);
  }

  public static Builder bool(String name) {
    return new Builder(name, AttributeType.BOOLEAN);
  }

  public static Builder decimal(String name) {
    return new Builder(name, AttributeType.DECIMAL);
  }

  public static Builder integer(String name) {
    return new Builder(name, AttributeType.INTEGER);
  }

  public static Builder dateTime(String name) {
    return new Builder(name, AttributeType.DATE_TIME);
  }

  /** A binary attribute; RFC 7643 §2.3.6 makes binary values case-exact. */
  public static Builder binary(String name) {
    return new Builder(name, AttributeType.BINARY).caseExact(true);
  }

  /**
   * A reference attribute (RFC 7643 §2.3.7).
   *
   * @param referenceTypes e.g. {@code "User"}, {@code "external"}, {@code "uri"}
   */
  public static Builder reference(String name, String... referenceTypes) {
    return new Builder(name, AttributeType.REFERENCE).referenceTypes(referenceTypes);
  }

  /** A complex attribute with the given sub-attributes (RFC 7643 §2.3.8). */
  public static Builder complex(String name, AttributeDefinition... subAttributes) {
    return new Builder(name, AttributeType.COMPLEX).subAttributes(subAttributes);
  }

  /**
   * Collects the characteristics of one attribute; {@link #build()} makes the immutable definition.
   */
  public static final class Builder {
    private final String name;
    private final AttributeType type;
    private boolean multiValued;
    private String description = "";
    private boolean required;
    private boolean caseExact;
    private Mutability mutability = Mutability.READ_WRITE;
    private Returned returned = Returned.DEFAULT;
    private Uniqueness uniqueness = Uniqueness.NONE;
    private List<String> canonicalValues = List.of();
    private List<String> referenceTypes = List.of();
    private List<AttributeDefinition> subAttributes = List.of();

    private Builder(String name, AttributeType type) {
      this.name = name;
      this.type = type;
    }

    public Builder description(String text) {
      this.description = text;
      return this;
    }

    public Builder multiValued() {
      this.multiValued = true;
      return this;
    }

    public Builder required() {
      this.required = true;
      return this;
    }

    public Builder caseExact(boolean exact) {
      this.caseExact = exact;
      return this;
    }

    public Builder mutability(Mutability value) {
      this.mutability = value;
      return this;
    }

    public Builder readOnly() {
      return mutability(Mutability.READ_ONLY);
    }

    public Builder immutable() {
      return mutability(Mutability.IMMUTABLE);
    }

    public Builder writeOnly() {
      return mutability(Mutability.WRITE_ONLY);
    }

    public Builder returned(Returned value) {
      this.returned = value;
      return this;
    }

    public Builder uniqueness(Uniqueness value) {
      this.uniqueness = value;
      return this;
    }

    public Builder canonicalValues(String... values) {
      this.canonicalValues = List.of(values);
      return this;
    }

    public Builder referenceTypes(String... types) {
      this.referenceTypes = List.of(types);
      return this;
    }

    public Builder subAttributes(AttributeDefinition... subs) {
      this.subAttributes = List.of(subs);
      return this;
    }

    /**
     * @throws IllegalStateException when the description is missing: every attribute served by
     *     {@code /Schemas} explains itself
     */
    public AttributeDefinition build() {
      if (description.isBlank()) {
        throw new IllegalStateException("attribute " + name + " needs a description");
      }
      return new AttributeDefinition(
          name,
          type,
          multiValued,
          description,
          required,
          caseExact,
          mutability,
          returned,
          uniqueness,
          canonicalValues,
          referenceTypes,
          subAttributes);
    }
  }
}
