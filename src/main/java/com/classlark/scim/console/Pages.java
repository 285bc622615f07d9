package com.classlark.scim.console;

import java.util.List;

/** The models of the console's pages, one record per template; every value is ready to print. */
public final class Pages {
  private Pages() {}

  /**
   * The sign-in form.
   *
   * @param notice a message about what just happened (signed out, password set), or {@code null}
   * @param error why the last attempt failed, or {@code null}
   */
  public record SignIn(Chrome chrome, String email, String notice, String error, String formToken) {
    public String action() {
      return ConsolePaths.SIGN_IN;
    }
  }

  /**
   * The set-password form of a one-time link.
   *
   * @param errors the rules the last attempt broke, empty at first
   */
  public record SetPassword(
      Chrome chrome,
      String email,
      String action,
      String expires,
      List<String> rules,
      List<String> errors,
      String formToken) {}

  /**
   * A page of the schools support may open, by name, with a search by name.
   *
   * @param nextHref the link to the next page, or {@code null} on the last
   */
  public record Schools(Chrome chrome, String search, List<SchoolRow> schools, String nextHref) {
    public String action() {
      return ConsolePaths.SCHOOLS;
    }
  }

  /**
   * One school: its SCIM set-up, what its directory holds, and its tokens.
   *
   * @param scimAccessHref support's page of the school's tokens and releases, or {@code null} for a
   *     school admin
   */
  public record School(
      Chrome chrome,
      SchoolRow school,
      String scimBaseUrl,
      String staff,
      String groups,
      String defaultUserType,
      List<TokenRow> tokens,
      String scimAccessHref) {}

  /**
   * A school in a list or at the top of its page.
   *
   * @param failuresLastDay its failed SCIM requests in the last 24 hours (in the list of schools)
   * @param provisioningHref its Provisioning page
   */
  public record SchoolRow(
      String href,
      String name,
      String id,
      String created,
      String status,
      String statusClass,
      String statusHelp,
      String lastScimUse,
      long failuresLastDay,
      String provisioningHref) {}

  /** A SCIM token as the console shows it: never the secret, only its first characters. */
  public record TokenRow(
      String prefix, String label, String created, String lastUsed, String state) {}

  /**
   * An error, in plain words.
   *
   * @param actionHref where the button leads (sign in, the home page), or {@code null} for none
   */
  public record Error(
      Chrome chrome,
      int status,
      String heading,
      String message,
      String actionHref,
      String actionLabel) {}
}
