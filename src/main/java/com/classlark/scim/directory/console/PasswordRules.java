package com.classlark.scim.directory.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a console password must be, in the words the set-password page shows: long rather than
 * complicated (NIST SP 800-63B), and bounded so that hashing stays cheap.
 */
public final class PasswordRules {
  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 128;

  private PasswordRules() {}

  /** The rules, as the set-password page lists them. */
  public static List<String> described() {
    return List.of(
        "At least " + MIN_LENGTH + " characters; a few unrelated words make a good one.",
        "At most " + MAX_LENGTH + " characters.",
        "Not your email address.");
  }

  /** The rules this password breaks, in plain words; empty when it is fine. */
  static List<String> broken(String password, String confirmation, String email) {
    List<String> broken = new ArrayList<>();
    String value = password == null ? "" : password;
    int length = value.codePointCount(0, value.length());
    if (length < MIN_LENGTH) {
      broken.add(
          "The password is too short: use at least "
              + MIN_LENGTH
              + " characters (it has "
              + length
              + ").");
    } else if (length > MAX_LENGTH) {
      broken.add("The password is too long: use at most " + MAX_LENGTH + " characters.");
    }
    if (!value.isEmpty()
        && value.strip().toLowerCase(Locale.ROOT).equals(email.toLowerCase(Locale.ROOT))) {
      broken.add("The password must not be your email address.");
    }
    if (!value.equals(confirmation)) {
      broken.add("The two passwords are not the same: type the same password twice.");
    }
    return List.copyOf(broken);
  }
}
