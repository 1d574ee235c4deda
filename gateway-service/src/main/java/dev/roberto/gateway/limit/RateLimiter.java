package dev.roberto.gateway.limit;

import dev.roberto.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request-rate limit per agent on this replica: a token bucket that contains a minute's worth of
 * requests and refills evenly.
 */
@ApplicationScoped
public class RateLimiter {

  private static final long NANOS_PER_MINUTE = Duration.ofMinutes(1).toNanos();

  private final GatewayConfig config;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(GatewayConfig config) {
    this.config = config;
  }

  /** Takes one request of the agent; returns null when allowed, else how long to wait. */
  public Duration acquire(String agentId) {
    int perMinute = config.limits().requestsPerMinute();
    return buckets.computeIfAbsent(agentId, id -> new Bucket(perMinute)).take(perMinute);
  }

  private static final class Bucket {

    private double tokens;
    private long refilledAt = System.nanoTime();

    Bucket(int capacity) {
      tokens = capacity;
    }

    synchronized Duration take(int perMinute) {
      long now = System.nanoTime();
      double nanosPerToken = (double) NANOS_PER_MINUTE / perMinute;
      tokens = Math.min(perMinute, tokens + (now - refilledAt) / nanosPerToken);
      refilledAt = now;
      if (tokens >= 1) {
        tokens -= 1;
        return null;
      }
      return Duration.ofNanos((long) ((1 - tokens) * nanosPerToken));
    }
  }
}
