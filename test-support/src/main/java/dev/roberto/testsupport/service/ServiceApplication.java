package dev.roberto.testsupport.service;

import dev.roberto.testsupport.ClassLocations;
import dev.roberto.testsupport.ExitWithParent;
import dev.roberto.testsupport.FreePorts;
import dev.roberto.testsupport.auth.AuthServiceProcess;
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
 * A Roberto service started from its built application ({@code <module>/target/quarkus-app}) in a
 * child JVM on a free loopback port, with this JVM's Kafka broker and PostgreSQL server. Tests of
 * the CLI, the MCP server and other clients use it to talk to the real service over HTTP.
 *
 * <p>The child exits with the test JVM, even when that JVM is killed. The module that runs the
 * tests declares a test dependency on the service with {@code <type>pom</type>}, so that Maven
 * builds the service's application first.
 */
public final class ServiceApplication {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
  private static final String ENTRY_POINT = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";

  private final String module;
  private final int port;
  private final Path logFile;
  private final PostgresServer postgres;
  private final String database;
  private final boolean ownsDatabase;
  private Map<String, String> settings = Map.of();
  private Process process;

  private ServiceApplication(String module, String database, boolean ownsDatabase) {
    this.module = module;
    this.port = FreePorts.pick();
    this.logFile = tempLogFile(module);
    this.postgres = Postgres.shared();
    this.database = database;
    this.ownsDatabase = ownsDatabase;
  }

  /**
   * Starts a service other than auth-service with a fresh database, checking tokens against this
   * JVM's shared auth-service. {@code settings} are Quarkus or Roberto properties that the service
   * needs beyond the defaults, such as an encryption key that it requires.
   */
  public static ServiceApplication start(String module, Map<String, String> settings) {
    Map<String, String> withAuth = new LinkedHashMap<>();
    withAuth.put("roberto.control-plane.url", AuthServiceProcess.shared().issuer());
    withAuth.put("roberto.auth.url", AuthServiceProcess.shared().url());
    withAuth.putAll(settings);
    return prepare(module, freshDatabase(module), true).launch(withAuth);
  }

  /**
   * Prepares a service on a database that already exists, such as a second replica's, without
   * starting it, so that its {@link #url()} can go into its own settings. The application drops the
   * database when it stops only if {@code ownsDatabase} is true.
   */
  public static ServiceApplication prepare(String module, String database, boolean ownsDatabase) {
    return new ServiceApplication(module, database, ownsDatabase);
  }

  /** Creates an empty database named after the module, for {@link #prepare}. */
  public static String freshDatabase(String module) {
    return Postgres.shared().createDatabase("test_" + module.replace("-service", "svc"));
  }

  /** Returns the base URL of this process, such as {@code http://127.0.0.1:41234}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public String database() {
    return database;
  }

  /** Returns the file that receives the service's standard output and error. */
  public Path logFile() {
    return logFile;
  }

  /** Starts the prepared process with these settings and waits until it reports ready. */
  public ServiceApplication launch(Map<String, String> settings) {
    if (process != null) {
      throw new IllegalStateException(module + " already runs at " + url());
    }
    this.settings = Map.copyOf(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, module + "-stop"));
    try {
      process =
          new ProcessBuilder(command())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Starting " + module + " failed", e);
    }
    awaitReady();
    return this;
  }

  /** Stops the process and drops its database when it owns it. Stopping twice does nothing. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    if (process.isAlive()) {
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
    if (ownsDatabase) {
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
    config.putAll(settings);
    return config;
  }

  private static Path tempLogFile(String module) {
    try {
      return Files.createTempFile("roberto-" + module + "-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path applicationJar() {
    Path jar = repositoryRoot().resolve(module + "/target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build it first (./mvnw -pl " + module + " -am package)");
    }
    return jar;
  }

  private Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(module + "/pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "No Roberto repository with " + module + " above " + Path.of("").toAbsolutePath());
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
            module + " exited with " + process.exitValue() + "; see " + logFile);
      }
      if (answersReady(client, ready)) {
        return;
      }
      pause();
    }
    stop();
    throw new IllegalStateException(
        module + " was not ready within " + STARTUP_TIMEOUT + "; see " + logFile);
  }

  private boolean answersReady(HttpClient client, HttpRequest ready) {
    try {
      return client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + module, e);
    }
  }

  private void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + module, e);
    }
  }
}
