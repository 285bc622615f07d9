package com.classlark.scim.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues, authenticates, lists and revokes the API keys of the directory API. A key is {@value
 * #PREFIX} followed by 256 random bits, a prefix of its own so that neither a key nor a SCIM token
 * ({@value Tokens#PREFIX}) is ever taken for the other; only its SHA-256 hash is stored. Lookups
 * are cached for at most {@link #CACHE_TTL}, so a revocation reaches every node within a second.
 */
public final class ApiKeys {
  public static final String PREFIX = "clak_";
  static final Duration CACHE_TTL = Duration.ofSeconds(1);

  /** The most characters of a key's label. */
  public static final int LABEL_LENGTH = 200;

  static final int ACTOR_LENGTH = 320;
  private static final int SHOWN_PREFIX_LENGTH = PREFIX.length() + 6;
  private static final int MAX_CACHE_ENTRIES = 1_000;

  private final ApiKeyStore store;
  private final Clock clock;
  private final ConcurrentHashMap<String, CachedLookup> cache = new ConcurrentHashMap<>();

  private record CachedLookup(Optional<ApiKey> key, Instant loadedAt) {}

  public ApiKeys(ApiKeyStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Issues a key.
   *
   * @param label free text shown in listings, or {@code null}
   * @throws DirectoryException {@link ProblemKind#VALIDATION} for a label over 200 characters
   */
  public IssuedApiKey issue(ApiKeyRole role, String label) {
    String shownLabel = label == null || label.isBlank() ? null : label.strip();
    if (shownLabel != null && shownLabel.length() > LABEL_LENGTH) {
      throw Problems.validation(
          List.of(new FieldError("label", "must be at most " + LABEL_LENGTH + " characters")));
    }
    String secret = Secrets.generate(PREFIX);
    ApiKey key =
        new ApiKey(
            UUID.randomUUID().toString(),
            secret.substring(0, SHOWN_PREFIX_LENGTH),
            role,
            shownLabel,
            Timestamps.now(clock),
            null);
    store.insert(key, Secrets.hash(secret));
    return new IssuedApiKey(key, secret);
  }

  /** True when a presented secret has the form of an API key (for a helpful refusal elsewhere). */
  public static boolean looksLikeKey(String secret) {
    return secret.startsWith(PREFIX);
  }

  /**
   * The caller a presented key and {@code X-ClassLark-Actor} value stand for.
   *
   * @param actor the header's value, or {@code null} when it was not sent
   * @throws DirectoryException {@link ProblemKind#UNAUTHORIZED} for an unknown or revoked key,
   *     {@link ProblemKind#VALIDATION} for an actor that is too long or holds control characters
   */
  public Caller authenticate(String secret, String actor) {
    ApiKey key = identify(secret).orElseThrow(ApiKeys::unknownKey);
    if (key.revokedAt() != null) {
      throw Problems.unauthorized("This API key was revoked. Ask ClassLark support for a new key.");
    }
    return new Caller(key.role(), key.id(), checkedActor(actor));
  }

  /**
   * The key record of a presented secret, revoked or not, or empty when no key has this secret: for
   * naming a refused key's id (never its secret) in the request log.
   */
  public Optional<ApiKey> identify(String secret) {
    Instant now = clock.instant();
    String keyHash = Secrets.hash(secret);
    CachedLookup cached = cache.get(keyHash);
    if (cached != null && Duration.between(cached.loadedAt(), now).compareTo(CACHE_TTL) < 0) {
      return cached.key();
    }
    Optional<ApiKey> key = store.findByHash(keyHash);
    if (cache.size() >= MAX_CACHE_ENTRIES) {
      cache.clear();
    }
    cache.put(keyHash, new CachedLookup(key, now));
    return key;
  }

  public List<ApiKey> list() {
    return store.list();
  }

  /**
   * Revokes the key; its next use on any node fails within {@link #CACHE_TTL}.
   *
   * @throws DirectoryException {@link ProblemKind#NOT_FOUND} when there is no such key
   */
  public ApiKey revoke(String keyId) {
    ApiKey key = store.find(keyId).orElseThrow(() -> Problems.apiKeyNotFound(keyId));
    if (key.revokedAt() == null) {
      store.revoke(keyId, Timestamps.now(clock));
      cache.clear();
    }
    return store.find(keyId).orElseThrow();
  }

  private static String checkedActor(String actor) {
    if (actor == null || actor.isBlank()) {
      return null;
    }
    String stripped = actor.strip();
    List<FieldError> errors = new ArrayList<>();
    if (stripped.length() > ACTOR_LENGTH) {
      errors.add(
          new FieldError("X-ClassLark-Actor", "must be at most " + ACTOR_LENGTH + " characters"));
    }
    if (stripped.chars().anyMatch(Character::isISOControl)) {
      errors.add(new FieldError("X-ClassLark-Actor", "must not contain control characters"));
    }
    if (!errors.isEmpty()) {
      throw Problems.validation(errors);
    }
    return stripped;
  }

  private static DirectoryException unknownKey() {
    return Problems.unauthorized(
        "This is not a valid API key. Check that the whole key was copied; ask ClassLark support"
            + " for a new one if it was lost.");
  }
}
