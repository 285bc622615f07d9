package com.classlark.scim.directory;

import java.time.Instant;

/**
 * A school's SCIM connection.
 *
 * @param activeTokens the tokens that work now
 * @param lastUsedAt the last recorded use of any of its tokens, or {@code null} if none was used
 * @param defaultUserType see {@link Account#defaultUserType()}, or {@code null}
 */
public record SchoolScim(
    ScimStatus status, long activeTokens, Instant lastUsedAt, String defaultUserType) {}
