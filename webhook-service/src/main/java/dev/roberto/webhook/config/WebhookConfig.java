package dev.roberto.webhook.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of usage webhook intake, under {@code roberto.webhook}. */
@ConfigMapping(prefix = "roberto.webhook")
public interface WebhookConfig {

  Signatures signatures();

  SigningSecrets signingSecrets();

  Usage usage();

  Idempotency idempotency();

  /** When deliveries must carry {@code x-roberto-signature}. */
  interface Signatures {

    /** True to require a signature on every delivery, whatever the workspace setting is. */
    @WithDefault("true")
    boolean required();

    /** Maximum distance between the signature's timestamp and the server clock, either way. */
    @WithDefault("PT5M")
    Duration tolerance();
  }

  /** Signing secrets per agent. */
  interface SigningSecrets {

    /** How long a rotated secret stays valid beside its replacement. */
    @WithDefault("PT24H")
    Duration rotationOverlap();

    /**
     * Base64 of a 32-byte AES key that encrypts secrets at rest. Required: the service does not
     * start without it.
     */
    Optional<String> encryptionKey();

    /** Maximum number of secrets of one agent that are valid at once. */
    @WithDefault("5")
    int maxActive();
  }

  /** Limits on one usage delivery. */
  interface Usage {

    /** Largest accepted request body. */
    @WithDefault("64K")
    MemorySize maxBodySize();

    /** Largest accepted value of each token count. */
    @WithDefault("1000000000")
    long maxTokens();

    /** Largest accepted cost in micro-units. */
    @WithDefault("1000000000000")
    long maxCostMicros();
  }

  /** Idempotency keys. */
  interface Idempotency {

    /** How long a key and its first response are kept; a later retry counts as a new delivery. */
    @WithDefault("PT24H")
    Duration retention();
  }
}
