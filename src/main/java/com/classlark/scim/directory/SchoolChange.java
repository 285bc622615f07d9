package com.classlark.scim.directory;

/**
 * What support changes about a school; a setting that is not set stays as it is.
 *
 * @param setsDefaultUserType whether to change the default user type
 * @param defaultUserType the new default, or {@code null} to clear it
 */
public record SchoolChange(boolean setsDefaultUserType, String defaultUserType) {
  /** Sets or, with {@code null}, clears the default user type. */
  public static SchoolChange defaultUserType(String userType) {
    return new SchoolChange(true, userType);
  }

  /** Changes nothing. */
  public static SchoolChange none() {
    return new SchoolChange(false, null);
  }
}
