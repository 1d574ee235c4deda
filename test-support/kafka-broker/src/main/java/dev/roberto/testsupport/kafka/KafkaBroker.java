package dev.roberto.testsupport.kafka;

import dev.roberto.testsupport.ClassLocations;
import dev.roberto.testsupport.FreePorts;
import dev.roberto.testsupport.kafka.broker.KafkaBrokerMain;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node KRaft Kafka broker, started from Apache Kafka's own artifacts in a child JVM
 * on free loopback ports.
 *
 * <p>{@link #shared()} gives one broker per test JVM, stopped when the JVM exits. Tests that need
 * an outage call {@link #stop()} and {@link #start()}: the broker comes back on the same port with
 * the same data.
 */
public final class KafkaBroker {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);
  private static KafkaBroker shared;

  private final Path dataDir;
  private final int clientPort;
  private final int controllerPort;
  private final Path logFile;
  private Process process;
  private long logLengthAtStart;

  public KafkaBroker(Path dataDir, int clientPort, int controllerPort, Path logFile) {
    this.dataDir = dataDir;
    this.clientPort = clientPort;
    this.controllerPort = controllerPort;
    this.logFile = logFile;
  }

  /** Returns the broker of this JVM, starting it on first use. */
  public static synchronized KafkaBroker shared() {
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("roberto-kafka-");
        shared =
            new KafkaBroker(dir, FreePorts.pick(), FreePorts.pick(), dir.resolve("broker.log"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      shared.start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "kafka-broker-stop"));
    }
    return shared;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + clientPort;
  }

  public int clientPort() {
    return clientPort;
  }

  public Path logFile() {
    return logFile;
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts the broker and waits until it accepts clients. */
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    try {
      Files.createDirectories(dataDir);
      logLengthAtStart = Files.exists(logFile) ? Files.size(logFile) : 0;
      process =
          new ProcessBuilder(command())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Starting the Kafka broker failed", e);
    }
    awaitListening();
  }

  /** Stops the broker with a controlled shutdown, then forcibly if it takes too long. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  private List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms128m");
    command.add("-Xmx512m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Djava.awt.headless=true");
    command.add("-Dlog4j2.configurationFile=" + log4jConfig());
    command.add("-cp");
    command.add(classpath());
    command.add(KafkaBrokerMain.class.getName());
    command.add(dataDir.toString());
    command.add(Integer.toString(clientPort));
    command.add(Integer.toString(controllerPort));
    command.add(Long.toString(ProcessHandle.current().pid()));
    return command;
  }

  private void awaitListening() {
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "The Kafka broker exited with " + process.exitValue() + "; see " + logFile);
      }
      if (FreePorts.isListening("127.0.0.1", clientPort, 200) && brokerReportedStarted()) {
        return;
      }
      sleep(100);
    }
    stop();
    throw new IllegalStateException(
        "The Kafka broker was not ready within " + STARTUP_TIMEOUT + "; see " + logFile);
  }

  private boolean brokerReportedStarted() {
    try {
      byte[] log = Files.readAllBytes(logFile);
      int from = (int) Math.min(logLengthAtStart, log.length);
      return new String(log, from, log.length - from, StandardCharsets.UTF_8)
          .contains("Kafka Server started");
    } catch (IOException e) {
      return false;
    }
  }

  private Path log4jConfig() {
    Path config = dataDir.resolve("log4j2.properties");
    if (!Files.exists(config)) {
      writeResource("log4j2-broker.properties", config);
    }
    return config;
  }

  private static void writeResource(String name, Path target) {
    try (InputStream in = KafkaBrokerMain.class.getResourceAsStream(name)) {
      Files.copy(in, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Builds the broker's classpath from this module's own classes and Kafka's jars listed at build
   * time.
   */
  static String classpath() {
    try (InputStream in = KafkaBrokerMain.class.getResourceAsStream("broker.classpath")) {
      if (in == null) {
        throw new IllegalStateException(
            "broker.classpath is missing: build test-support/kafka-broker with Maven");
      }
      String kafkaJars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      return ClassLocations.of(KafkaBrokerMain.class) + java.io.File.pathSeparator + kafkaJars;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
    }
  }
}
