package com.classlark.scim.directory;

import java.util.Locale;

/** Whether a school provisions over SCIM, as support sees it. */
public enum ScimStatus {
  /** The school never had a SCIM token. */
  NOT_SET_UP,
  /** The school has at least one token that works now. */
  ENABLED,
  /** The school had tokens, and none works any more (disabled, revoked or expired). */
  DISABLED;

  /** {@code not_set_up}, {@code enabled} or {@code disabled}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ScimStatus of(long tokens, long usableTokens) {
    if (tokens == 0) {
      return NOT_SET_UP;
    }
    return usableTokens > 0 ? ENABLED : DISABLED;
  }
}
