package dev.roberto.gateway.limit;

import dev.roberto.gateway.config.GatewayConfig;
import dev.roberto.gateway.replica.LiveReplicas;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request-rate limit per agent, shared by the live gateway replicas. Each replica keeps a token
 * bucket per agent that contains a minute's worth of its share of the rate and refills evenly. The
 * share is the configured rate divided by the live replicas, rounded up, so a load balancer that
 * spreads an agent's calls evenly lets the configured rate through in total.
 */
@ApplicationScoped
public class RateLimiter {

  private static final long NANOS_PER_MINUTE = Duration.ofMinutes(1).toNanos();

  private final GatewayConfig config;
  private final LiveReplicas replicas;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(GatewayConfig config, LiveReplicas replicas) {
    this.config = config;
    this.replicas = replicas;
  }

  /** Takes one request of the agent; returns null when allowed, else how long to wait. */
  public Duration acquire(String agentId) {
    int perMinute = share(config.limits().requestsPerMinute(), replicas.count());
    return buckets.computeIfAbsent(agentId, id -> new Bucket(perMinute)).take(perMinute);
  }

  /** Returns one replica's share of a per-minute rate: rounded up, and at least 1. */
  static int share(int perMinute, int liveReplicas) {
    long rounded = ((long) perMinute + liveReplicas - 1) / liveReplicas;
    return (int) Math.max(1, rounded);
  }

  private static final class Bucket {

    private double tokens;
    private long refilledAt = System.nanoTime();

    Bucket(int capacity) {
      tokens = capacity;
    }

    /**
     * Takes a token at the given rate, which is also the capacity. When the rate changed since the
     * last call, the bucket keeps its tokens up to the new capacity and refills at the new rate.
     */
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
