package dev.roberto.local;

import dev.roberto.local.standin.StandInLlmProvider;
import dev.roberto.testsupport.kafka.KafkaBroker;
import dev.roberto.testsupport.postgres.PostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The processes and servers that one {@code run} has started, and their shutdown in reverse
 * dependency order: services, stand-in provider, Kafka, embedded PostgreSQL.
 *
 * <p>Every start method and {@link #stop()} hold this object's lock, so a shutdown hook that runs
 * while a component is starting waits for it and then stops it too. After {@link #stop()} began,
 * the start methods throw instead of starting anything.
 */
final class RunningStack {

  static final Duration SERVICE_STOP_TIMEOUT = Duration.ofSeconds(20);

  private final PidFile pidFile;
  private final List<ServiceProcess> services = new ArrayList<>();
  private EmbeddedPostgres embeddedPostgres;
  private KafkaBroker kafka;
  private StandInLlmProvider provider;
  private volatile boolean stopping;

  RunningStack(PidFile pidFile) {
    this.pidFile = pidFile;
  }

  boolean isStopping() {
    return stopping;
  }

  synchronized String providerUrl() {
    return provider.baseUrl();
  }

  /** Starts an embedded PostgreSQL that keeps its data in the folder between runs. */
  synchronized PostgresServer startEmbeddedPostgres(Path dataDir, int port, Path logFile) {
    requireNotStopping();
    try {
      embeddedPostgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setServerConfig("listen_addresses", "127.0.0.1")
              // This class stops it after the services, so the library's own hook must not run.
              .setRegisterShutdownHook(false)
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException | RuntimeException e) {
      throw new LocalStackException(
          "Starting the embedded PostgreSQL on 127.0.0.1:"
              + port
              + " with data in "
              + dataDir
              + " failed: "
              + e.getMessage()
              + ". See "
              + logFile
              + ".",
          e);
    }
    // initdb of the embedded server trusts every local connection, so the password is unused.
    return new PostgresServer("127.0.0.1", port, "postgres", "");
  }

  /** Starts the broker and waits until it accepts clients. */
  synchronized void startKafka(KafkaBroker broker) {
    requireNotStopping();
    kafka = broker;
    try {
      broker.start();
    } catch (IllegalStateException | UncheckedIOException e) {
      throw new LocalStackException(
          "Starting Kafka on "
              + broker.bootstrapServers()
              + " failed: "
              + e.getMessage()
              + ". See "
              + broker.logFile()
              + ".",
          e);
    }
  }

  synchronized StandInLlmProvider startProvider(int port) {
    requireNotStopping();
    try {
      provider = StandInLlmProvider.start(port, StandInLlmProvider.DEFAULT_THREADS);
    } catch (UncheckedIOException e) {
      throw new LocalStackException(e.getMessage(), e);
    }
    return provider;
  }

  synchronized ServiceProcess startService(
      ServiceDefinition definition,
      String url,
      List<String> command,
      Path directory,
      Map<String, String> environment,
      Path logFile) {
    requireNotStopping();
    ServiceProcess service =
        ServiceProcess.start(definition, url, command, directory, environment, logFile);
    services.add(service);
    return service;
  }

  /**
   * Stops everything this run started: SIGTERM to all services at once, up to {@link
   * #SERVICE_STOP_TIMEOUT} for them to exit and SIGKILL for those that did not, then the provider,
   * Kafka and the embedded PostgreSQL. Deletes the pid file last. Calling it again does nothing.
   */
  synchronized void stop() {
    if (stopping) {
      return;
    }
    stopping = true;
    System.out.println();
    System.out.println("Stopping the local stack.");

    stopServices();
    if (provider != null) {
      provider.close();
      System.out.println("Stopped the stand-in LLM provider.");
    }
    if (kafka != null) {
      // Also when the broker has exited already, for example on Ctrl-C, which reaches it directly.
      kafka.stop();
      System.out.println("Stopped Kafka.");
    }
    if (embeddedPostgres != null) {
      stopEmbeddedPostgres();
    }
    pidFile.delete();
    System.out.println("The local stack is stopped.");
  }

  private void stopServices() {
    List<ServiceProcess> running = services.stream().filter(ServiceProcess::isAlive).toList();
    running.forEach(ServiceProcess::requestStop);
    Instant deadline = Instant.now().plus(SERVICE_STOP_TIMEOUT);
    for (ServiceProcess service : running) {
      try {
        if (service.awaitStop(deadline)) {
          System.out.println("Stopped " + service.name() + ".");
        } else {
          System.out.println(
              service.name()
                  + " did not exit within "
                  + SERVICE_STOP_TIMEOUT.toSeconds()
                  + " s of SIGTERM, so it was killed. See "
                  + service.logFile()
                  + ".");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running.forEach(ServiceProcess::kill);
        System.out.println(
            "Interrupted while waiting for " + service.name() + " to stop, so all were killed.");
        return;
      }
    }
  }

  private void stopEmbeddedPostgres() {
    try {
      embeddedPostgres.close();
      System.out.println("Stopped the embedded PostgreSQL.");
    } catch (IOException e) {
      System.err.println("Stopping the embedded PostgreSQL failed: " + e.getMessage());
    }
  }

  private void requireNotStopping() {
    if (stopping) {
      throw new LocalStackException("The local stack is stopping, so nothing new is started.");
    }
  }
}
