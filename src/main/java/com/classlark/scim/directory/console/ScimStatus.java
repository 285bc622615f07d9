package com.classlark.scim.directory.console;

import com.classlark.scim.directory.ApiToken;
import java.time.Instant;
import java.util.List;

/** Whether a school's identity provider can provision it, as its SCIM tokens tell. */
public enum ScimStatus {
  /** No token was ever issued. */
  NOT_SET_UP,
  /** At least one token works. */
  ENABLED,
  /** Tokens were issued, but every one is revoked or expired. */
  NO_WORKING_TOKEN;

  static ScimStatus of(List<ApiToken> tokens, Instant now) {
    if (tokens.isEmpty()) {
      return NOT_SET_UP;
    }
    return tokens.stream().anyMatch(token -> token.usableAt(now)) ? ENABLED : NO_WORKING_TOKEN;
  }
}
