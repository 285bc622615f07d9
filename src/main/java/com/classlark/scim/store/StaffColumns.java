package com.classlark.scim.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The typed columns of a staff row, derived from its canonical document: every attribute that
 * filters or sorts. {@code *_key} columns hold the case-folded value, computed here so both engines
 * agree.
 */
record StaffColumns(
    String userName,
    String externalId,
    String givenName,
    String familyName,
    String displayName,
    String userType,
    boolean active,
    List<Email> emails) {

  record Email(int position, String value, String type, Boolean primary) {}

  static String key(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }

  static StaffColumns of(ObjectNode document) {
    List<Email> emails = new ArrayList<>();
    JsonNode emailNodes = document.path("emails");
    for (int i = 0; i < emailNodes.size(); i++) {
      JsonNode email = emailNodes.get(i);
      emails.add(
          new Email(
              i,
              text(email, "value"),
              text(email, "type"),
              email.has("primary") ? email.path("primary").asBoolean() : null));
    }
    JsonNode name = document.path("name");
    return new StaffColumns(
        text(document, "userName"),
        text(document, "externalId"),
        text(name, "givenName"),
        text(name, "familyName"),
        text(document, "displayName"),
        text(document, "userType"),
        document.path("active").asBoolean(true),
        List.copyOf(emails));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
