package com.classlark.scim.console;

/** The console's URLs, in one place for the routes, the templates and the command line. */
public final class ConsolePaths {
  public static final String ROOT = "/console";
  public static final String SIGN_IN = ROOT + "/sign-in";
  public static final String SIGN_OUT = ROOT + "/sign-out";
  public static final String SET_PASSWORD = ROOT + "/set-password";
  public static final String SCHOOLS = ROOT + "/schools";
  public static final String ASSETS = ROOT + "/assets";

  private ConsolePaths() {}

  /** The page of one school. */
  public static String school(String schoolId) {
    return SCHOOLS + "/" + schoolId;
  }

  /** A school's Provisioning page: its SCIM connection, log and chart. */
  public static String provisioning(String schoolId) {
    return school(schoolId) + "/provisioning";
  }

  /** Support's page of a school's SCIM access: tokens, disabling, releases, default user type. */
  public static String scimAccess(String schoolId) {
    return school(schoolId) + "/scim-access";
  }

  /**
   * The one-time set-password link of a secret, under the service's public base URL.
   *
   * @param baseUrl e.g. {@code https://scim.classlark.example}, without a trailing slash
   */
  public static String setPasswordLink(String baseUrl, String secret) {
    return baseUrl.replaceAll("/+$", "") + SET_PASSWORD + "/" + secret;
  }
}
