package com.classlark.scim.scim;

/**
 * Limits of {@code POST /Bulk} (RFC 7644 §3.7.4), advertised in ServiceProviderConfig.
 *
 * @param maxOperations most operations one bulk request may hold; more get 413
 * @param maxPayloadBytes largest bulk request body in bytes; larger ones get 413
 */
public record BulkSettings(int maxOperations, int maxPayloadBytes) {
  public static final int DEFAULT_MAX_OPERATIONS = 1000;
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;
  public static final BulkSettings DEFAULT =
      new BulkSettings(DEFAULT_MAX_OPERATIONS, DEFAULT_MAX_PAYLOAD_BYTES);

  public BulkSettings {
    if (maxOperations < 1) {
      throw new IllegalArgumentException(
          "bulk max operations must be at least 1, got " + maxOperations);
    }
    if (maxPayloadBytes < 1024) {
      throw new IllegalArgumentException(
          "bulk max payload size must be at least 1024 bytes, got " + maxPayloadBytes);
    }
  }
}
