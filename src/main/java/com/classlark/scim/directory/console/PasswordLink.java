package com.classlark.scim.directory.console;

import java.time.Instant;

/**
 * A one-time set-password link just issued: its secret is shown once (in the link) and stored only
 * as its SHA-256 hash.
 *
 * @param secret the random value the link carries
 */
public record PasswordLink(ConsoleUser user, String secret, Instant expiresAt) {}
