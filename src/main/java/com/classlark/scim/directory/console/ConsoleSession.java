package com.classlark.scim.directory.console;

import java.time.Instant;

/**
 * A signed-in browser, as stored: the session's key is the SHA-256 hash of the cookie's value,
 * never the value itself.
 *
 * @param csrfToken the token every state-changing form of this session must send back
 * @param lastSeenAt the last request (written at most once a minute); the session ends {@link
 *     ConsoleSessions#IDLE_TIMEOUT} after it
 */
public record ConsoleSession(
    String sessionHash, String userId, String csrfToken, Instant createdAt, Instant lastSeenAt) {}
