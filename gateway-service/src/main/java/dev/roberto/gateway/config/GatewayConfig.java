package dev.roberto.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings of the LLM gateway, under {@code roberto.gateway}. */
@ConfigMapping(prefix = "roberto.gateway")
public interface GatewayConfig {

  /** The LLM providers by name. */
  Map<String, Provider> providers();

  /** Prices by model name; a model without a price costs nothing. */
  Map<String, Price> prices();

  Credentials credentials();

  Timeouts timeouts();

  Retries retries();

  Breaker breaker();

  Limits limits();

  ModelAllowLists modelAllowLists();

  Replicas replicas();

  Usage usage();

  /** Value of {@code Retry-After} on 503 {@code provider_unavailable}. */
  @WithDefault("PT10S")
  Duration unavailableRetryAfter();

  /** One upstream LLM provider. */
  interface Provider {

    /** {@code openai} (chat completions, embeddings) or {@code anthropic} (messages). */
    Kind kind();

    /** Base URL without {@code /v1}, such as {@code https://api.openai.com}. */
    String baseUrl();

    /**
     * The API key. Point it at a secret instead of writing it here, for example {@code
     * ${OPENAI_API_KEY}}; without it, no key is sent.
     */
    Optional<String> apiKey();

    /** The models this provider serves. */
    List<String> models();

    /** Order of preference among providers that serve a model: lower comes first. */
    @WithDefault("100")
    int priority();
  }

  /** The API a provider speaks. */
  enum Kind {
    OPENAI,
    ANTHROPIC
  }

  /** Price of a model in micro-units of the billing currency per million tokens. */
  interface Price {

    @WithDefault("0")
    long inputPerMillion();

    @WithDefault("0")
    long outputPerMillion();

    /** Price of cached input tokens; they are not charged again at the input price. */
    @WithDefault("0")
    long cachedPerMillion();
  }

  /** Gateway tokens. */
  interface Credentials {

    /** How long a rotated token stays valid beside its replacement. */
    @WithDefault("PT1H")
    Duration rotationOverlap();

    /** Maximum number of tokens of one agent that are valid at once. */
    @WithDefault("5")
    int maxActive();

    /**
     * Whether each replica keeps the tokens that admitted calls in memory, emptied by PostgreSQL
     * notifications on every change that matters. Off, every call looks its token up in the
     * database.
     */
    @WithDefault("true")
    boolean cacheTokens();
  }

  /** Timeouts of upstream calls. */
  interface Timeouts {

    @WithDefault("PT5S")
    Duration connect();

    /** From sending the request until the response headers arrive. */
    @WithDefault("PT60S")
    Duration firstByte();

    /** Longest silence between two chunks of a streamed answer. */
    @WithDefault("PT60S")
    Duration chunkGap();
  }

  /** Retries of an upstream call, only before anything reached the client. */
  interface Retries {

    /** Further attempts after the first, on each provider. */
    @WithDefault("2")
    int maxRetries();

    @WithDefault("PT0.2S")
    Duration initialBackoff();

    @WithDefault("PT2S")
    Duration maxBackoff();
  }

  /** Circuit breaker per provider. */
  interface Breaker {

    /** Number of recent calls the breaker looks at. */
    @WithDefault("10")
    int requestVolumeThreshold();

    /** Share of failures among them that opens the breaker. */
    @WithDefault("0.5")
    double failureRatio();

    /** How long the breaker stays open before it lets a trial call through. */
    @WithDefault("PT30S")
    Duration delay();
  }

  /** Per-agent model allow-lists. */
  interface ModelAllowLists {

    /**
     * How long a replica reuses an agent's allow-list before it reads it again. A change made on
     * another replica takes effect here within this time.
     */
    @WithDefault("PT3S")
    Duration cacheTtl();
  }

  /** Recording the usage of calls. */
  interface Usage {

    /**
     * How long a replica keeps retrying, while PostgreSQL is unavailable, to record the usage of a
     * call that already got its response. The usage waits in memory meanwhile.
     */
    @WithDefault("PT10M")
    Duration recordRetryFor();

    /**
     * How many calls' usage a replica keeps in memory before it is stored. Beyond it, new calls
     * wait in line until a batch is stored, and are rejected while PostgreSQL is unavailable.
     */
    @WithDefault("5000")
    int maxQueued();

    /**
     * How long the usage of a call waits for others before the writer starts a batch from idle, so
     * that the calls of that time share one transaction.
     */
    @WithDefault("10ms")
    Duration batchLinger();
  }

  /** Limits of gateway calls, per agent or per replica. */
  interface Limits {

    /**
     * Requests per minute of one agent across all live replicas. Each replica allows an equal share
     * of it, rounded up.
     */
    @WithDefault("600")
    int requestsPerMinute();

    /** Upstream calls one replica runs at once; further calls wait in line. */
    @WithDefault("256")
    int maxConcurrentCalls();

    /** Output tokens assumed for the reservation when a request sets no maximum. */
    @WithDefault("4096")
    long defaultMaxOutputTokens();

    /**
     * Age at which a replica's reading of a workspace's spend since the billing snapshot is read
     * from the database again. In between it adds only its own calls, so other replicas' calls
     * count within this delay. Zero reads on every priced call.
     */
    @WithDefault("PT1S")
    Duration spendRefresh();
  }

  /** Heartbeats through which the gateway replicas count each other. */
  interface Replicas {

    /** How often a replica refreshes its row in {@code gateway_replica} and counts the others. */
    @WithDefault("PT5S")
    Duration heartbeatInterval();

    /**
     * How long a replica counts as live after its last heartbeat. Must be longer than the heartbeat
     * interval.
     */
    @WithDefault("PT15S")
    Duration expiry();
  }
}
