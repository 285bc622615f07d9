package com.classlark.scim.directory;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.schema.UserSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * ClassLark's rules for a staff member (SCIM User) beyond what the schema says; see DESIGN.md, "The
 * resources". That the attributes are present is checked when the resource is read; these rules
 * check the values that are there.
 */
public final class StaffRules {
  private StaffRules() {}

  /** The staff types ClassLark knows, exactly as they must be written. */
  public static final List<String> USER_TYPES =
      List.of("Staff", "Event Manager", "Finance Manager", "Administrator");

  /**
   * A pragmatic email syntax: a local part and a domain of at least two dot-separated labels, no
   * spaces, exactly one {@code @}. Deliverability is the identity provider's concern, not ours.
   */
  private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+");

  private static final String MEETING_URL_PATH = UserSchemas.CLASSLARK_URN + ":meetingUrl";

  /** The most characters of an email address, RFC 5321: a 64-character local part, @, 255 of domain. */
  private static final int ADDRESS_LENGTH = 320;

  private static final int NAME_LENGTH = 512;
  private static final int TYPE_LENGTH = 64;

  /**
   * Checks a staff member in canonical form (as produced by the resource reader).
   *
   * @throws ScimException {@code invalidValue} naming the attribute and the rule it breaks
   */
  public static void validate(ObjectNode canonicalUser) {
    JsonNode userName = canonicalUser.path("userName");
    if (userName.isTextual() && !EMAIL.matcher(userName.textValue()).matches()) {
      throw ScimException.invalidValue(
          "userName must be an email address, e.g. jane.doe@school.example");
    }
    JsonNode userType = canonicalUser.path("userType");
    if (userType.isTextual() && !USER_TYPES.contains(userType.textValue())) {
      throw ScimException.invalidValue(
          "userType must be exactly one of Staff, Event Manager, Finance Manager, Administrator"
              + " (case-sensitive)");
    }
    checkStorable("userName", userName, ADDRESS_LENGTH);
    checkStorable("externalId", canonicalUser.path("externalId"), NAME_LENGTH);
    checkStorable("name.givenName", canonicalUser.path("name").path("givenName"), NAME_LENGTH);
    checkStorable("name.familyName", canonicalUser.path("name").path("familyName"), NAME_LENGTH);
    checkStorable("displayName", canonicalUser.path("displayName"), NAME_LENGTH);
    for (JsonNode email : canonicalUser.path("emails")) {
      checkStorable("emails.value", email.path("value"), ADDRESS_LENGTH);
      checkStorable("emails.type", email.path("type"), TYPE_LENGTH);
    }
    JsonNode meetingUrl = canonicalUser.path(UserSchemas.CLASSLARK_URN).path("meetingUrl");
    if (meetingUrl.isTextual() && !isWebUrl(meetingUrl.textValue())) {
      throw ScimException.invalidValue(
          MEETING_URL_PATH
              + " must be an absolute http or https URL, e.g. https://meet.school.example/a113");
    }
  }

  /**
   * The attributes that filter and sort are also kept in columns of their own, and with them their
   * lower-cased form (see the store's migrations). PostgreSQL refuses text longer than such a column
   * and text containing U+0000, where SQLite accepts both; checked here, both engines accept the same
   * staff and a client gets a 400 naming the attribute instead of a 500. Lower-casing can lengthen a
   * value ({@code İ} becomes two characters), so the lower-cased form must fit too.
   */
  private static void checkStorable(String path, JsonNode value, int maxLength) {
    if (!value.isTextual()) {
      return;
    }
    String text = value.textValue();
    if (text.indexOf('\0') >= 0) {
      throw ScimException.invalidValue(path + " must not contain the NUL character (U+0000)");
    }
    String folded = text.toLowerCase(Locale.ROOT);
    if (Math.max(text.codePointCount(0, text.length()), folded.codePointCount(0, folded.length()))
        > maxLength) {
      throw ScimException.invalidValue(path + " must be at most " + maxLength + " characters long");
    }
  }

  private static boolean isWebUrl(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && !uri.getHost().isEmpty();
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
