package dev.roberto.gateway.credential;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.roberto.gateway.credential.TokenOwners.TokenOwner;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The owners of the tokens that this replica admitted, by token hash, so that a call with a known
 * token needs no database round trip. The cache serves only while {@link AdmissionChanges} listens
 * for changes in PostgreSQL: each change empties it, and so does each new start of listening,
 * because changes made while no connection listened were missed.
 */
@ApplicationScoped
public class TokenOwnerCache {

  /** Bounds the cache's memory: past it, Caffeine evicts the entries used least. */
  private static final long MAX_CACHED_TOKENS = 50_000;

  static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

  /**
   * A valid token's owner with the token's expiry and the last use that the database holds, so that
   * a hit can check the expiry and tell when the last use needs noting again.
   */
  public record Entry(TokenOwner owner, OffsetDateTime expiresAt, OffsetDateTime lastUsedAt) {

    /** Returns whether the token is still valid at that time. */
    public boolean isValidAt(OffsetDateTime now) {
      return expiresAt == null || expiresAt.isAfter(now);
    }

    /** Returns whether a use at that time must be written: the last one written is a minute old. */
    public boolean lastUseIsStaleAt(OffsetDateTime now) {
      return lastUsedAt == null || lastUsedAt.plus(LAST_USE_PRECISION).isBefore(now);
    }
  }

  private final Cache<String, Entry> entries =
      Caffeine.newBuilder().maximumSize(MAX_CACHED_TOKENS).recordStats().build();
  private final AtomicLong changes = new AtomicLong();
  private volatile boolean listening;

  /**
   * Publishes Micrometer's cache metrics ({@code cache_gets_total} with {@code result} hit or miss,
   * {@code cache_size}, {@code cache_evictions_total}) under the cache name {@code gateway-tokens},
   * and whether the replica listens for changes.
   */
  public TokenOwnerCache(MeterRegistry registry) {
    CaffeineCacheMetrics.monitor(registry, entries, "gateway-tokens");
    Gauge.builder("roberto.gateway.token.cache.listening", this, cache -> cache.listening ? 1 : 0)
        .description(
            "1 while this replica listens for admission changes and serves tokens from its cache, else 0")
        .register(registry);
  }

  /**
   * Returns the cached entry of a token hash, or null when there is none or the replica is not
   * listening.
   */
  public Entry get(String tokenHash) {
    return listening ? entries.getIfPresent(tokenHash) : null;
  }

  /**
   * Returns a mark to pass to {@link #put} with what a lookup that starts now reads from the
   * database.
   */
  public long mark() {
    return changes.get();
  }

  /**
   * Keeps an entry read from the database, unless a change arrived since the lookup took its {@code
   * mark}: then the row it read may be outdated. The entry is put first and checked after, so a
   * change that arrives in between removes it again.
   */
  public void put(String tokenHash, Entry entry, long mark) {
    if (!listening || changes.get() != mark) {
      return;
    }
    entries.put(tokenHash, entry);
    if (changes.get() != mark) {
      entries.invalidate(tokenHash);
    }
  }

  /** Replaces an entry's last use, so that only one call notes it in the database. */
  public void noteUse(String tokenHash, OffsetDateTime usedAt) {
    entries
        .asMap()
        .computeIfPresent(
            tokenHash, (hash, entry) -> new Entry(entry.owner(), entry.expiresAt(), usedAt));
  }

  /** Empties the cache, because something that admits calls changed in the database. */
  void changed() {
    changes.incrementAndGet();
    entries.invalidateAll();
  }

  /** Empties the cache and serves from it again, because listening started or started again. */
  void listeningStarted() {
    changed();
    listening = true;
  }

  /**
   * Stops serving from the cache until listening starts again, so every call reads the database.
   * Returns whether it was listening until now.
   */
  boolean listeningStopped() {
    boolean was = listening;
    listening = false;
    changed();
    return was;
  }
}
