package com.classlark.scim.console;

import java.util.List;

/**
 * What the layout around every page shows: the title, the assets, and, once signed in, who is
 * signed in, the navigation and the form token of the sign-out button.
 *
 * @param signedInAs the signed-in user's email, or {@code null} on the pages before signing in
 * @param roleLabel the signed-in user's role in words ("ClassLark support"), or {@code null}
 * @param formToken the session's CSRF token for the sign-out form, or {@code null}
 */
public record Chrome(
    String title,
    Assets.Paths assets,
    String signedInAs,
    String roleLabel,
    String formToken,
    List<NavLink> nav) {

  /** A link of the navigation; {@code current} marks the page the user is on. */
  public record NavLink(String href, String label, boolean current) {}

  public boolean signedIn() {
    return signedInAs != null;
  }

  public String signOutPath() {
    return ConsolePaths.SIGN_OUT;
  }
}
