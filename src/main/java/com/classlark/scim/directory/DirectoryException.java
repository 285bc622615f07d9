package com.classlark.scim.directory;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A directory operation refused for a reason the caller can act on. Built by {@link Problems}, one
 * factory per kind; each adapter turns it into its own form (a problem document on {@code /api/v1},
 * a sentence in the console) in one place.
 *
 * <p>The {@code detail} says what to do next and never holds a secret or an attribute value the
 * caller did not send; {@code fields} are the identifiers that help (e.g. {@code staffId}); {@code
 * errors} name every wrong field of a {@link ProblemKind#VALIDATION} refusal and are empty
 * otherwise.
 */
public final class DirectoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ProblemKind kind;
  private final transient Map<String, String> fields;
  private final transient List<FieldError> errors;

  DirectoryException(
      ProblemKind kind, String detail, Map<String, String> fields, List<FieldError> errors) {
    super(Objects.requireNonNull(detail, "detail"), null, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.fields = Map.copyOf(fields);
    this.errors = List.copyOf(errors);
  }

  public ProblemKind kind() {
    return kind;
  }

  /** What the caller should do about it, in plain words. */
  public String detail() {
    return getMessage();
  }

  public Map<String, String> fields() {
    return fields;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
