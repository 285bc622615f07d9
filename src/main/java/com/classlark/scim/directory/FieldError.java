package com.classlark.scim.directory;

import java.util.Objects;

/**
 * One wrong field of a refused write: the field's name as the caller sent it (e.g. {@code email})
 * and the rule it broke, in words that say how to fix it. Never holds the rejected value.
 */
public record FieldError(String field, String rule) {
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(rule, "rule");
  }
}
