package com.classlark.scim.directory.section;

import com.classlark.scim.protocol.schema.UserSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The fields of a staff member that ClassLark's own interfaces write, each with the place of its
 * value in the SCIM document: one record, two views (DESIGN.md, "The resources").
 */
enum StaffField {
  EMAIL("email", "userName", false, true, null, "userName"),
  GIVEN_NAME("givenName", "name.givenName", false, true, "name", "givenName"),
  FAMILY_NAME("familyName", "name.familyName", false, true, "name", "familyName"),
  USER_TYPE("userType", "userType", false, true, null, "userType"),
  ACTIVE("active", "active", true, true, null, "active"),
  EXTERNAL_ID("externalId", "externalId", false, false, null, "externalId"),
  SUBJECTS(
      "subjects",
      UserSchemas.CLASSLARK_URN + ":subjects",
      false,
      false,
      UserSchemas.CLASSLARK_URN,
      "subjects"),
  ROOM(
      "room", UserSchemas.CLASSLARK_URN + ":room", false, false, UserSchemas.CLASSLARK_URN, "room"),
  MEETING_URL(
      "meetingUrl",
      UserSchemas.CLASSLARK_URN + ":meetingUrl",
      false,
      false,
      UserSchemas.CLASSLARK_URN,
      "meetingUrl");

  /** The field names, in order, as a refusal lists them. */
  static final String NAMES =
      String.join(", ", Arrays.stream(values()).map(field -> field.apiName).toList());

  final String apiName;

  /** The attribute path as {@link com.classlark.scim.directory.StaffRules} names it. */
  final String scimPath;

  final boolean bool;
  final boolean required;
  private final String container;
  private final String attribute;

  StaffField(
      String apiName,
      String scimPath,
      boolean bool,
      boolean required,
      String container,
      String attribute) {
    this.apiName = apiName;
    this.scimPath = scimPath;
    this.bool = bool;
    this.required = required;
    this.container = container;
    this.attribute = attribute;
  }

  static Optional<StaffField> named(String apiName) {
    return Arrays.stream(values()).filter(field -> field.apiName.equals(apiName)).findFirst();
  }

  /** The API field a SCIM attribute path is shown as; the path itself when it has none. */
  static String apiNameOf(String scimPath) {
    return Arrays.stream(values())
        .filter(field -> field.scimPath.equals(scimPath))
        .map(field -> field.apiName)
        .findFirst()
        .orElse(scimPath);
  }

  /** The value in a canonical document; null when absent. */
  JsonNode read(ObjectNode document) {
    JsonNode holder = container == null ? document : document.path(container);
    JsonNode value = holder.get(attribute);
    return value == null || value.isNull() ? null : value;
  }

  /** Sets (or, for null, removes) the value in a document. */
  void write(ObjectNode document, JsonNode value) {
    ObjectNode holder =
        container == null
            ? document
            : document.has(container) && document.get(container).isObject()
                ? (ObjectNode) document.get(container)
                : document.putObject(container);
    if (value == null) {
      holder.remove(attribute);
      if (container != null && holder.isEmpty()) {
        document.remove(container);
      }
    } else {
      holder.set(attribute, value);
    }
  }

  /**
   * The value a caller sent as the document value it stands for: null for "clear", or a refusal
   * rule when it has the wrong JSON type or clears a required field.
   */
  Result accept(JsonNode sent) {
    boolean cleared = sent.isNull() || (sent.isTextual() && sent.textValue().isBlank());
    if (cleared) {
      return required ? Result.refused("is required") : Result.value(null);
    }
    if (bool) {
      return sent.isBoolean()
          ? Result.value(BooleanNode.valueOf(sent.booleanValue()))
          : Result.refused("must be true or false");
    }
    return sent.isTextual()
        ? Result.value(TextNode.valueOf(sent.textValue()))
        : Result.refused("must be a string");
  }

  /** A sent value accepted (possibly null: clear) or refused with a rule. */
  record Result(JsonNode value, String refusal) {
    static Result value(JsonNode value) {
      return new Result(value, null);
    }

    static Result refused(String rule) {
      return new Result(null, rule);
    }
  }

  static List<StaffField> requiredOnCreate() {
    return Arrays.stream(values()).filter(field -> field.required && !field.bool).toList();
  }
}
