package com.classlark.scim.directory;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident cursors for RFC 9865 pagination: the keyset position, the school and a
 * fingerprint of the query, signed with HMAC-SHA256 under a key every node shares. A modified
 * cursor, one from another school or another query is refused ({@code invalidCursor}); an old one
 * has expired ({@code expiredCursor}).
 */
public final class Cursors {
  private static final String KEY_NAME = "cursor-hmac";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final ServiceKeyStore keys;
  private final Clock clock;
  private final Duration timeout;
  private volatile byte[] key;

  /**
   * Cursors signed with the shared key in {@code keys}, read (or created) on first use: a starting
   * service builds this before its database is open.
   */
  public Cursors(ServiceKeyStore keys, Clock clock, Duration timeout) {
    this.keys = keys;
    this.clock = clock;
    this.timeout = timeout;
  }

  public Duration timeout() {
    return timeout;
  }

  /**
   * A cursor for a position of a query.
   *
   * @param query a fingerprint of the query (resource type, filter, sort) the cursor belongs to
   */
  public String encode(String accountId, String query, CursorPosition position) {
    ObjectNode body = Json.object();
    body.put("a", accountId);
    body.put("q", query);
    ArrayNode keyNode = body.putArray("k");
    position.key().forEach(keyNode::add);
    body.put("b", position.backward());
    body.put("t", clock.instant().getEpochSecond());
    byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(sign(payload));
  }

  /** The position a cursor names, after checking its signature, school, query and age. */
  public CursorPosition decode(String accountId, String query, String cursor) {
    int dot = cursor.indexOf('.');
    if (dot <= 0) {
      throw invalid();
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = DECODER.decode(cursor.substring(0, dot));
      signature = DECODER.decode(cursor.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (!MessageDigest.isEqual(sign(payload), signature)) {
      throw invalid();
    }
    JsonNode body = Json.parse(payload);
    if (!accountId.equals(body.path("a").asText()) || !query.equals(body.path("q").asText())) {
      throw ScimException.invalidCursor(
          "The cursor belongs to a different query; start again without a cursor value or with"
              + " cursor= (empty) for the first page.");
    }
    Instant issued = Instant.ofEpochSecond(body.path("t").asLong());
    if (clock.instant().isAfter(issued.plus(timeout))) {
      throw ScimException.expiredCursor(
          "The cursor expired after "
              + timeout.toSeconds()
              + " seconds; start again with cursor= (empty) for the first page.");
    }
    List<String> key = new ArrayList<>();
    body.path("k").forEach(element -> key.add(element.isNull() ? null : element.asText()));
    return new CursorPosition(key, body.path("b").asBoolean());
  }

  private static ScimException invalid() {
    return ScimException.invalidCursor(
        "The cursor is not valid: pass back a nextCursor or previousCursor value exactly as received.");
  }

  private byte[] key() {
    byte[] known = key;
    if (known == null) {
      synchronized (this) {
        if (key == null) {
          byte[] candidate = new byte[32];
          new SecureRandom().nextBytes(candidate);
          key = keys.getOrCreate(KEY_NAME, candidate);
        }
        known = key;
      }
    }
    return known;
  }

  private byte[] sign(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
    }
  }
}
