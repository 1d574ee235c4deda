package dev.roberto.testsupport.auth;

import dev.roberto.testsupport.ClassLocations;
import dev.roberto.testsupport.ExitWithParent;
import dev.roberto.testsupport.FreePorts;
import dev.roberto.testsupport.kafka.KafkaBroker;
import dev.roberto.testsupport.postgres.Postgres;
import dev.roberto.testsupport.postgres.PostgresServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
  private static final String ENTRY_POINT = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";
  private static AuthServiceProcess shared;

  private final int port;
  private final Path logFile;
  private final PostgresServer postgres;
  private final String database;
  private final boolean ownsDatabase;
  private final String issuer;
  private final Map<String, String> overrides;
  private Process process;

  private AuthServiceProcess(
      String database, boolean ownsDatabase, String issuer, Map<String, String> overrides) {
    this.port = FreePorts.pick();
    this.logFile = tempLogFile();
    this.postgres = Postgres.shared();
    this.database = database;
    this.ownsDatabase = ownsDatabase;
    this.issuer = issuer != null ? issuer : url();
    this.overrides = overrides;
  }

  /** Returns the auth-service of this JVM, starting it on first use. */
  public static synchronized AuthServiceProcess shared() {
    if (shared == null) {
      String database = Postgres.shared().createDatabase("test_authsvc");
      shared = new AuthServiceProcess(database, true, null, Map.of());
      shared.start();
    }
    return shared;
  }

  /**
   * Starts a second replica that shares this one's database and issuer, with some settings changed,
   * such as a shorter access token lifetime. The caller stops it with {@link #stop()}.
   */
  public AuthServiceProcess startReplica(Map<String, String> overrides) {
    AuthServiceProcess replica = new AuthServiceProcess(database, false, issuer, overrides);
    replica.start();
    return replica;
  }

  /** Returns the base URL of this process. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Returns the token issuer and control plane URL, which is the first replica's URL. */
  public String issuer() {
    return issuer;
  }

  public Path logFile() {
    return logFile;
  }

  private void start() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "auth-service-stop"));
    try {
      process =
          new ProcessBuilder(command())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Starting auth-service failed", e);
    }
    awaitReady();
  }

  /** Stops the process and, for the first replica, drops its database. */
  public synchronized void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    if (ownsDatabase && process != null) {
      postgres.dropDatabase(database);
    }
    process = null;
  }

  private List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    config().forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-cp");
    command.add(applicationJar() + File.pathSeparator + ClassLocations.of(ExitWithParent.class));
    command.add(ExitWithParent.class.getName());
    command.add(Long.toString(ProcessHandle.current().pid()));
    command.add(ENTRY_POINT);
    return command;
  }

  private Map<String, String> config() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("quarkus.http.port", Integer.toString(port));
    config.put("quarkus.http.host", "127.0.0.1");
    config.put("quarkus.datasource.username", postgres.user());
    config.put("quarkus.datasource.password", postgres.password());
    config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
    config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
    config.put("kafka.bootstrap.servers", KafkaBroker.shared().bootstrapServers());
    config.putAll(accountsAndIssuer());
    config.putAll(overrides);
    return config;
  }

  /**
   * Returns auth-service's settings for the issuer URL, the key encryption and the first account.
   */
  private Map<String, String> accountsAndIssuer() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("roberto.auth.issuer", issuer);
    config.put("roberto.auth.keys.encryption-key", KEY_ENCRYPTION_KEY);
    config.put("roberto.auth.bootstrap.email", OWNER_EMAIL);
    config.put("roberto.auth.bootstrap.password", OWNER_PASSWORD);
    config.put("roberto.auth.bootstrap.workspace", WORKSPACE_NAME);
    config.put("roberto.auth.signup.enabled", "true");
    return config;
  }

  private static Path tempLogFile() {
    try {
      return Files.createTempFile("roberto-auth-service-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path applicationJar() {
    Path jar = repositoryRoot().resolve("auth-service/target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build auth-service first (./mvnw -pl auth-service -am package)");
    }
    return jar;
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("auth-service/pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("No Roberto repository above " + Path.of("").toAbsolutePath());
  }

  private void awaitReady() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "auth-service exited with " + process.exitValue() + "; see " + logFile);
      }
      if (answersReady(client, ready)) {
        return;
      }
      sleep();
    }
    stop();
    throw new IllegalStateException(
        "auth-service was not ready within " + STARTUP_TIMEOUT + "; see " + logFile);
  }

  private static boolean answersReady(HttpClient client, HttpRequest ready) {
    try {
      return client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for auth-service", e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for auth-service", e);
    }
  }
}
