package com.classlark.scim.directory;

import java.time.Instant;

/**
 * A token that a regeneration retired: it stops working at {@code expiresAt} (at once for a leak,
 * after the grace period for a planned rotation).
 */
public record RetiringToken(String id, Instant expiresAt) {}
