package com.classlark.scim.directory;

import com.classlark.scim.protocol.error.ScimException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues, authenticates, lists and revokes SCIM bearer tokens. A token is {@value #PREFIX} followed
 * by 256 random bits (base64url); only its SHA-256 hash is stored. Lookups are cached for at most
 * {@link #CACHE_TTL}, so expiry and revocation reach every node within about a second; the last use
 * is written at most once per {@link #LAST_USED_INTERVAL} per token.
 */
public final class Tokens {
  public static final String PREFIX = "clsk_";
  static final Duration CACHE_TTL = Duration.ofSeconds(1);
  static final Duration LAST_USED_INTERVAL = Duration.ofMinutes(1);
  private static final int SHOWN_PREFIX_LENGTH = PREFIX.length() + 6;
  private static final int MAX_CACHE_ENTRIES = 10_000;

  private final TokenStore store;
  private final AccountStore accounts;
  private final Clock clock;
  private final ConcurrentHashMap<String, CachedLookup> cache = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Instant> lastRecordedUse = new ConcurrentHashMap<>();

  private record CachedLookup(Optional<ApiToken> token, Instant loadedAt) {}

  public Tokens(TokenStore store, AccountStore accounts, Clock clock) {
    this.store = store;
    this.accounts = accounts;
    this.clock = clock;
  }

  /**
   * Issues a token for the account.
   *
   * @param label free text shown in listings, or {@code null}
   * @param expiresIn lifetime, or {@code null} for a token that does not expire
   */
  public IssuedToken issue(String accountId, String label, Duration expiresIn) {
    if (accounts.find(accountId).isEmpty()) {
      throw new IllegalArgumentException("no account with id " + accountId);
    }
    if (expiresIn != null && (expiresIn.isNegative() || expiresIn.isZero())) {
      throw new IllegalArgumentException("expiry must be a positive duration, got " + expiresIn);
    }
    IssuedToken issued = newToken(accountId, label, expiresIn);
    store.insert(issued.token(), hash(issued.secret()));
    return issued;
  }

  private IssuedToken newToken(String accountId, String label, Duration expiresIn) {
    String secret = Secrets.generate(PREFIX);
    Instant now = Timestamps.now(clock);
    ApiToken token =
        new ApiToken(
            UUID.randomUUID().toString(),
            accountId,
            secret.substring(0, SHOWN_PREFIX_LENGTH),
            label,
            now,
            expiresIn == null ? null : now.plus(expiresIn),
            null,
            null);
    return new IssuedToken(token, secret);
  }

  /**
   * Issues a token labelled "regenerated" and, in the same transaction, retires every other live
   * token of the account: revoked now when {@code grace} is zero, otherwise expiring when it ends
   * (a token that expires earlier keeps its expiry). Every node sees it within {@link #CACHE_TTL}.
   */
  RegeneratedToken regenerate(String accountId, Duration grace) {
    IssuedToken issued = newToken(accountId, "regenerated", null);
    Instant now = issued.token().createdAt();
    List<ApiToken> retired =
        store.rotate(issued.token(), hash(issued.secret()), now, now.plus(grace));
    cache.clear();
    return new RegeneratedToken(
        issued,
        retired.stream()
            .map(
                token ->
                    new RetiringToken(
                        token.id(),
                        token.revokedAt() != null ? token.revokedAt() : token.expiresAt()))
            .toList());
  }

  /**
   * Resolves a presented bearer token to its token record, or fails with 401 and a detail that says
   * what to fix.
   */
  public ApiToken authenticate(String secret) {
    Instant now = clock.instant();
    ApiToken token =
        lookup(hash(secret), now)
            .orElseThrow(
                () ->
                    ScimException.unauthorized(
                        "The bearer token is not valid. Check that the whole token was copied; ask"
                            + " ClassLark support for a new one if it was lost."));
    if (token.revokedAt() != null) {
      throw ScimException.unauthorized(
          "The bearer token was revoked. Ask ClassLark support for a new token.");
    }
    if (token.expiresAt() != null && !now.isBefore(token.expiresAt())) {
      throw ScimException.unauthorized(
          "The bearer token expired at "
              + token.expiresAt()
              + ". Ask ClassLark support for a new token.");
    }
    recordUse(token, now);
    return token;
  }

  /**
   * The token whose secret this is, while it may authenticate requests: not revoked, not expired.
   * Unlike {@link #authenticate} it neither caches nor records a use.
   */
  public Optional<ApiToken> findUsable(String secret) {
    Instant now = clock.instant();
    return store.findByHash(hash(secret)).filter(token -> token.usableAt(now));
  }

  /**
   * The token record of a presented secret, valid or not (revoked, expired), or empty when no token
   * has this secret: for naming the refused token's id (never its secret) in the request log.
   */
  public Optional<ApiToken> identify(String secret) {
    return lookup(hash(secret), clock.instant());
  }

  public List<ApiToken> list(String accountId) {
    if (accounts.find(accountId).isEmpty()) {
      throw new IllegalArgumentException("no account with id " + accountId);
    }
    return store.list(accountId);
  }

  /** Revokes the token; its next use on any node fails within {@link #CACHE_TTL}. */
  public ApiToken revoke(String tokenId) {
    ApiToken token =
        store
            .find(tokenId)
            .orElseThrow(() -> new IllegalArgumentException("no token with id " + tokenId));
    if (token.revokedAt() != null) {
      return token;
    }
    store.revoke(tokenId, Timestamps.now(clock));
    cache.clear();
    return store.find(tokenId).orElseThrow();
  }

  /** The token with this id, revoked or not. */
  Optional<ApiToken> find(String tokenId) {
    return store.find(tokenId);
  }

  private Optional<ApiToken> lookup(String tokenHash, Instant now) {
    CachedLookup cached = cache.get(tokenHash);
    if (cached != null && Duration.between(cached.loadedAt(), now).compareTo(CACHE_TTL) < 0) {
      return cached.token();
    }
    Optional<ApiToken> token = store.findByHash(tokenHash);
    if (cache.size() >= MAX_CACHE_ENTRIES) {
      cache.clear();
    }
    cache.put(tokenHash, new CachedLookup(token, now));
    return token;
  }

  private void recordUse(ApiToken token, Instant now) {
    Instant last = lastRecordedUse.get(token.id());
    if (last != null && Duration.between(last, now).compareTo(LAST_USED_INTERVAL) < 0) {
      return;
    }
    if (lastRecordedUse.size() >= MAX_CACHE_ENTRIES) {
      lastRecordedUse.clear();
    }
    lastRecordedUse.put(token.id(), now);
    store.recordUse(token.id(), now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }

  private static String hash(String secret) {
    return Secrets.hash(secret);
  }
}
