package dev.roberto.testsupport.auth;

import dev.roberto.testsupport.postgres.Postgres;
import dev.roberto.testsupport.service.ServiceApplication;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real auth-service, started from its built application in a child JVM on a free loopback port,
 * with its own fresh database and this JVM's Kafka broker. Other services' tests use it to obtain
 * real tokens and to check them with quarkus-oidc against its discovery document and JWKS.
 *
 * <p>The child exits with the test JVM, even when that JVM is killed.
 */
public final class AuthServiceProcess {

  /** The first account and workspace, created by auth-service at startup. */
  public static final String OWNER_EMAIL = "owner@roberto.test";

  public static final String OWNER_PASSWORD = "owner-password-for-tests";
  public static final String WORKSPACE_NAME = "Test workspace";

  /** Base64 of a 256-bit AES key that encrypts the test run's signing keys; for tests only. */
  private static final String KEY_ENCRYPTION_KEY = "cm9iZXJ0by10ZXN0LWtleS1lbmNyeXB0aW9uLWtleSE=";

  private static final String MODULE = "auth-service";
  private static AuthServiceProcess shared;

  private final ServiceApplication application;
  private final String issuer;

  private AuthServiceProcess(ServiceApplication application, String issuer) {
    this.application = application;
    this.issuer = issuer;
  }

  /** Returns the auth-service of this JVM, starting it on first use. */
  public static synchronized AuthServiceProcess shared() {
    if (shared == null) {
      String database = Postgres.shared().createDatabase("test_authsvc");
      shared = start(ServiceApplication.prepare(MODULE, database, true), null, Map.of());
    }
    return shared;
  }

  /**
   * Starts a second replica that shares this one's database and issuer, with some settings changed,
   * such as a shorter access token lifetime. The caller stops it with {@link #stop()}.
   */
  public AuthServiceProcess startReplica(Map<String, String> overrides) {
    return start(
        ServiceApplication.prepare(MODULE, application.database(), false), issuer, overrides);
  }

  private static AuthServiceProcess start(
      ServiceApplication application, String issuer, Map<String, String> overrides) {
    String effectiveIssuer = issuer != null ? issuer : application.url();
    Map<String, String> settings = accountsAndIssuer(effectiveIssuer);
    settings.putAll(overrides);
    application.launch(settings);
    return new AuthServiceProcess(application, effectiveIssuer);
  }

  /** Returns the base URL of this process. */
  public String url() {
    return application.url();
  }

  /** Returns the token issuer and control plane URL, which is the first replica's URL. */
  public String issuer() {
    return issuer;
  }

  public Path logFile() {
    return application.logFile();
  }

  /** Stops the process and, for the first replica, drops its database. */
  public void stop() {
    application.stop();
  }

  /**
   * Returns auth-service's settings for the issuer URL, the key encryption and the first account.
   */
  private static Map<String, String> accountsAndIssuer(String issuer) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("roberto.auth.issuer", issuer);
    config.put("roberto.auth.keys.encryption-key", KEY_ENCRYPTION_KEY);
    config.put("roberto.auth.bootstrap.email", OWNER_EMAIL);
    config.put("roberto.auth.bootstrap.password", OWNER_PASSWORD);
    config.put("roberto.auth.bootstrap.workspace", WORKSPACE_NAME);
    config.put("roberto.auth.signup.enabled", "true");
    return config;
  }
}
