package dev.roberto.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings of auth-service under {@code roberto.auth}; the README lists each with its default. */
@ConfigMapping(prefix = "roberto.auth")
public interface AuthConfig {

  /** Public URL of auth-service: the token issuer and the control plane URL. */
  @WithDefault("http://127.0.0.1:8081")
  String issuer();

  /** Audience of every access token. */
  @WithDefault("roberto")
  String audience();

  /** Lifetime of access tokens, for users, runtimes and services alike. */
  @WithDefault("PT5M")
  Duration accessTokenLifetime();

  /** Lifetime of one refresh token; each refresh issues a new one. */
  @WithDefault("P30D")
  Duration refreshTokenLifetime();

  /** How long a rotated refresh token still returns the pair its rotation issued. */
  @WithDefault("PT10S")
  Duration refreshReuseGrace();

  Signup signup();

  Bootstrap bootstrap();

  Keys keys();

  PasswordFailures passwordFailures();

  /** Service-to-service clients by client id. */
  Map<String, ServiceClient> serviceClients();

  /** Self-service account creation. */
  interface Signup {

    @WithDefault("true")
    boolean enabled();
  }

  /**
   * Limits of failed password sign-ins within a window. Past either limit, every sign-in of that
   * account or from that address is rejected until the window ends, even with the right password.
   */
  interface PasswordFailures {

    /** Failed sign-ins of one account (email), from any address. */
    @WithDefault("10")
    int perAccount();

    /** Failed sign-ins from one client address, for any account. */
    @WithDefault("50")
    int perAddress();

    /** Length of the window that both limits count in. */
    @WithDefault("15M")
    Duration window();
  }

  /** The account and workspace created at startup when an email and a password are set. */
  interface Bootstrap {

    Optional<String> email();

    Optional<String> password();

    @WithDefault("Administrator")
    String displayName();

    @WithDefault("Default workspace")
    String workspace();
  }

  /** Signing keys. */
  interface Keys {

    /** How long a key signs before the next key takes over. */
    @WithDefault("P30D")
    Duration rotationPeriod();

    /** How often a replica checks whether rotation is due. */
    @WithDefault("PT1H")
    Duration rotationCheck();

    /** How often a replica reloads the key set from the database. */
    @WithDefault("PT30S")
    Duration reloadInterval();

    /** Tolerance for clocks that differ between issuer and verifiers. */
    @WithDefault("PT1M")
    Duration clockSkew();

    /**
     * Base64 of a 256-bit AES key that encrypts private keys at rest; without it they are stored
     * unencrypted.
     */
    Optional<String> encryptionKey();
  }

  /** A service client: its secret is checked against a SHA-256 hash, never stored in clear. */
  interface ServiceClient {

    /** Hex SHA-256 of the client secret. */
    String secretSha256();
  }
}
