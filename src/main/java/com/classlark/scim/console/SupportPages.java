package com.classlark.scim.console;

import java.util.List;

/**
 * The models of the Provisioning page and of support's SCIM access pages, one record per template;
 * every value is ready to print.
 */
public final class SupportPages {
  private SupportPages() {}

  /**
   * A school's Provisioning page.
   *
   * @param failures the newest failed requests (or those older than the failure cursor)
   * @param olderFailures the link to the next older failures, or {@code null} on their last page
   * @param requests the newest successful requests
   * @param olderRequests the link to the next older successful requests, or {@code null}
   * @param chartSource the same-origin JSON of the per-hour counts the chart draws
   * @param busyHours the hours of the last 7 days that had requests, newest first: the chart's
   *     numbers as a table
   * @param scimAccessHref support's page of the school's tokens, or {@code null} for a school admin
   */
  public record Provisioning(
      Chrome chrome,
      Pages.SchoolRow school,
      String scimBaseUrl,
      List<Pages.TokenRow> tokens,
      List<LogRow> failures,
      String olderFailures,
      List<LogRow> requests,
      String olderRequests,
      String newestHref,
      String chartSource,
      List<HourRow> busyHours,
      long weekSuccesses,
      long weekFailures,
      String scimAccessHref) {}

  /**
   * One logged SCIM request.
   *
   * @param explanation what the failure means, in a school administrator's words; empty for a
   *     success
   * @param detail the detail the identity provider received, or empty
   */
  public record LogRow(
      String when,
      String what,
      String record,
      String status,
      String statusClass,
      String explanation,
      String detail) {}

  /** One hour of the chart as a table row. */
  public record HourRow(String hour, long successes, long failures) {}

  /**
   * Support's page of a school's SCIM access.
   *
   * @param notice what the last action did, or {@code null}
   * @param problem why the last action was refused, or {@code null}
   */
  public record ScimAccess(
      Chrome chrome,
      Pages.SchoolRow school,
      String notice,
      String problem,
      List<TokenAction> tokens,
      String provisioningHref,
      String issueAction,
      String regenerateAction,
      String disableHref,
      String releaseAllHref,
      String releaseStaffHref,
      String defaultUserTypeAction,
      List<String> userTypes,
      String defaultUserType,
      long managedStaff,
      long managedGroups) {}

  /**
   * A token with what support may do to it.
   *
   * @param revokeAction where its revoke button posts, or {@code null} when it no longer works
   */
  public record TokenAction(Pages.TokenRow token, String revokeAction) {}

  /**
   * A new token, shown on the response to the POST that made it and never again.
   *
   * @param whatHappened what became of the school's other tokens, in words
   */
  public record TokenShown(
      Chrome chrome,
      String heading,
      String schoolName,
      String secret,
      List<String> whatHappened,
      String backHref) {}

  /**
   * A confirmation before an action that cannot be undone from the console.
   *
   * @param lines what the action will do, in words (e.g. how many records it unlocks)
   * @param fields hidden fields the confirmation posts along
   */
  public record Confirm(
      Chrome chrome,
      String heading,
      List<String> lines,
      String action,
      String button,
      List<Hidden> fields,
      String backHref) {}

  /** A hidden form field. */
  public record Hidden(String name, String value) {}
}
