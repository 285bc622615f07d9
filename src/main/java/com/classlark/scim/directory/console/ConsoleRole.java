package com.classlark.scim.directory.console;

import java.util.Arrays;
import java.util.Locale;

/** What a console user may see: every school (support) or their own school (school admin). */
public enum ConsoleRole {
  /** ClassLark support: every school. */
  SUPPORT("support"),
  /** A school's ClassLark admin: their own school only. */
  SCHOOL_ADMIN("school-admin");

  private final String keyword;

  ConsoleRole(String keyword) {
    this.keyword = keyword;
  }

  /** The role as the command line and the database write it, e.g. {@code school-admin}. */
  public String keyword() {
    return keyword;
  }

  /**
   * The role with this keyword.
   *
   * @throws IllegalArgumentException naming the allowed keywords
   */
  public static ConsoleRole parse(String keyword) {
    String wanted = keyword == null ? "" : keyword.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(role -> role.keyword.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "role must be support or school-admin, got '" + keyword + "'"));
  }
}
