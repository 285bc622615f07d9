package com.classlark.scim.api;

/**
 * A refusal of the directory API's own transport rules (media type, no such endpoint) rather than
 * of a directory operation: written as a problem document like every other error of {@code
 * /api/v1}, see {@link ProblemDocuments}.
 *
 * @param typeName the last segment of the problem type URI
 */
final class ApiFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String typeName;
  private final String title;

  ApiFailure(int status, String typeName, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.typeName = typeName;
    this.title = title;
  }

  static ApiFailure unsupportedMediaType(String detail) {
    return new ApiFailure(415, "unsupported-media-type", "Unsupported media type", detail);
  }

  int status() {
    return status;
  }

  String typeName() {
    return typeName;
  }

  String title() {
    return title;
  }

  String detail() {
    return getMessage();
  }
}
