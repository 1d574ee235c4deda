package dev.roberto.runtime.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of releases, update decisions, grants and script downloads, under roberto.updates. */
@ConfigMapping(prefix = "roberto.updates")
public interface UpdatesConfig {

  /**
   * Base64 of at least 32 random bytes: the HMAC-SHA256 key that signs script URLs. Required: the
   * service does not start without it. Every replica needs the same key.
   */
  Optional<String> scriptUrlSigningKey();

  /**
   * Public base URL of this service, for the script URLs in decisions. Unset, they are built from
   * the URL the runtime called.
   */
  Optional<String> publicUrl();

  /** How long a decision and its script URLs stay valid. */
  @WithDefault("PT30M")
  Duration decisionLifetime();

  /** How long decisions are kept after they expired, for the update history. */
  @WithDefault("P7D")
  Duration decisionRetention();

  /**
   * How long an accepted apply may take until it reports succeeded or failed. At the runtime's next
   * check after that it counts as failed, so a new grant can apply the update again.
   */
  @WithDefault("PT1H")
  Duration applyTimeout();

  /** Grant lifetime when the request names none. */
  @WithDefault("PT1H")
  Duration grantDefaultLifetime();

  /** Maximum grant lifetime an admin may request. */
  @WithDefault("P7D")
  Duration grantMaxLifetime();

  /** Maximum size of one script of a release. */
  @WithDefault("1M")
  MemorySize maxScriptSize();

  /** Maximum number of scripts in one release. */
  @WithDefault("20")
  int maxScripts();
}
