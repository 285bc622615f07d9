package com.classlark.scim.directory;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.schema.UserSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
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

  /** True for a string of the email syntax staff user names follow. */
  public static boolean isEmailAddress(String value) {
    return value != null && value.length() <= ADDRESS_LENGTH && EMAIL.matcher(value).matches();
  }

  /**
   * The bidirectional embedding, override and isolate characters: in an address they reorder what a
   * reader sees ({@code moc.loohcs@...} displayed as a different address), a spoofing trick.
   */
  private static final Pattern BIDI_CONTROL = Pattern.compile("[\\u202A-\\u202E\\u2066-\\u2069]");

  private static final String MEETING_URL_PATH = UserSchemas.CLASSLARK_URN + ":meetingUrl";

  /**
   * The most characters of an email address, RFC 5321: a 64-character local part, @, 255 of domain.
   */
  private static final int ADDRESS_LENGTH = 320;

  private static final int NAME_LENGTH = StorableText.NAME_LENGTH;
  private static final int TYPE_LENGTH = 64;

  /**
   * One broken rule: the SCIM attribute path ({@code userName}, {@code name.givenName}, {@code
   * urn:…:User:meetingUrl}) and the rule, worded to follow the path ("must be …").
   */
  public record Violation(String attribute, String rule) {
    /** The attribute and its rule as one sentence, as SCIM errors say it. */
    public String message() {
      return attribute + " " + rule;
    }
  }

  /**
   * Checks a staff member in canonical form (as produced by the resource reader).
   *
   * @throws ScimException {@code invalidValue} naming the attribute and the first rule it breaks
   */
  public static void validate(ObjectNode canonicalUser) {
    List<Violation> violations = violations(canonicalUser);
    if (!violations.isEmpty()) {
      throw ScimException.invalidValue(violations.get(0).message());
    }
  }

  /**
   * Every rule a staff member in canonical form breaks, in a fixed order; empty when it is valid.
   * The one validator of staff, whether SCIM or a person in ClassLark wrote the record.
   */
  public static List<Violation> violations(ObjectNode canonicalUser) {
    List<Violation> violations = new ArrayList<>();
    StorableText.checkDocument(canonicalUser, violations);
    JsonNode userName = canonicalUser.path("userName");
    if (userName.isTextual() && BIDI_CONTROL.matcher(userName.textValue()).find()) {
      violations.add(
          new Violation(
              "userName",
              "must not contain bidirectional control characters (U+202A to U+202E, U+2066 to"
                  + " U+2069): they make an email address display differently from what it is"));
    }
    if (userName.isTextual() && !EMAIL.matcher(userName.textValue()).matches()) {
      violations.add(
          new Violation("userName", "must be an email address, e.g. jane.doe@school.example"));
    }
    JsonNode userType = canonicalUser.path("userType");
    if (userType.isTextual() && !USER_TYPES.contains(userType.textValue())) {
      violations.add(
          new Violation(
              "userType",
              "must be exactly one of Staff, Event Manager, Finance Manager, Administrator"
                  + " (case-sensitive)"));
    }
    StorableText.check("userName", userName, ADDRESS_LENGTH, violations);
    StorableText.check("externalId", canonicalUser.path("externalId"), NAME_LENGTH, violations);
    StorableText.check(
        "name.givenName", canonicalUser.path("name").path("givenName"), NAME_LENGTH, violations);
    StorableText.check(
        "name.familyName", canonicalUser.path("name").path("familyName"), NAME_LENGTH, violations);
    StorableText.check("displayName", canonicalUser.path("displayName"), NAME_LENGTH, violations);
    for (JsonNode email : canonicalUser.path("emails")) {
      StorableText.check("emails.value", email.path("value"), ADDRESS_LENGTH, violations);
      StorableText.check("emails.type", email.path("type"), TYPE_LENGTH, violations);
    }
    JsonNode meetingUrl = canonicalUser.path(UserSchemas.CLASSLARK_URN).path("meetingUrl");
    if (meetingUrl.isTextual() && !isWebUrl(meetingUrl.textValue())) {
      violations.add(
          new Violation(
              MEETING_URL_PATH,
              "must be an absolute http or https URL, e.g. https://meet.school.example/a113"));
    }
    return List.copyOf(violations);
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
