package dev.roberto.e2e;

import dev.roberto.testsupport.FreePorts;
import dev.roberto.testsupport.kafka.KafkaBroker;
import dev.roberto.testsupport.kafka.broker.KafkaBrokerMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The whole control plane as {@code deploy/local/roberto-local run --no-build} starts it, in a
 * child process, on free loopback ports, with its own state folder and its own databases.
 *
 * <p>The services use the PostgreSQL server named by {@code ROBERTO_POSTGRES_URL} in the
 * environment the stack is started with: the walk-through's own {@link PostgresCluster}.
 */
final class LocalStackProcess {

  /** The line the launcher prints when every service reports ready. */
  private static final Pattern READY = Pattern.compile("The Roberto local stack is running\\.");

  /** The launcher's time limit for the services, generous because CI machines may be shared. */
  private static final int READY_TIMEOUT_SECONDS = 420;

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);
  private static final HttpClient READINESS_CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String KAFKA_BROKER_MAIN = KafkaBrokerMain.class.getName();
  private static final List<String> SERVICES =
      List.of("auth", "billing", "runtime", "gateway", "webhook");

  private final Path repository;
  private final Path stateDir;
  private final int basePort;
  private final int kafkaPort;
  private final int kafkaControllerPort;
  private final Process process;
  private final ProcessOutput output;
  private final Thread stopAtExit = new Thread(this::stop, "e2e-stop-local-stack");
  private KafkaBroker replacementKafka;
  private final List<Process> replicas = new ArrayList<>();

  private LocalStackProcess(
      Path repository,
      Path stateDir,
      int basePort,
      int kafkaPort,
      int kafkaControllerPort,
      Process process) {
    this.repository = repository;
    this.stateDir = stateDir;
    this.basePort = basePort;
    this.kafkaPort = kafkaPort;
    this.kafkaControllerPort = kafkaControllerPort;
    this.process = process;
    this.output = new ProcessOutput(process.getInputStream(), "e2e-local-stack-output");
  }

  /**
   * Starts the stack and waits until the launcher reports every service ready. The extra
   * environment reaches every service, because each inherits the launcher's environment.
   *
   * @throws IllegalStateException with the launcher's output when it exits or is not ready in time
   */
  static LocalStackProcess start(Path repository, Path stateDir, Map<String, String> environment)
      throws InterruptedException {
    int basePort = freePortRange(SERVICES.size());
    List<Integer> otherPorts = distinctFreePorts(3);
    String databasePrefix = "e2e_" + HexFormat.of().formatHex(randomBytes(4));
    List<String> command =
        List.of(
            "bash",
            repository.resolve("deploy/local/roberto-local").toString(),
            "run",
            "--no-build",
            "--state-dir",
            stateDir.toString(),
            "--database-prefix",
            databasePrefix,
            "--base-port",
            String.valueOf(basePort),
            "--provider-port",
            String.valueOf(otherPorts.get(0)),
            "--kafka-port",
            String.valueOf(otherPorts.get(1)),
            "--kafka-controller-port",
            String.valueOf(otherPorts.get(2)),
            "--ready-timeout",
            String.valueOf(READY_TIMEOUT_SECONDS));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    LocalStackProcess stack;
    try {
      stack =
          new LocalStackProcess(
              repository,
              stateDir,
              basePort,
              otherPorts.get(1),
              otherPorts.get(2),
              builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("Starting deploy/local/roberto-local failed", e);
    }
    Runtime.getRuntime().addShutdownHook(stack.stopAtExit);
    stack.awaitReady();
    return stack;
  }

  private void awaitReady() throws InterruptedException {
    Duration timeout = Duration.ofSeconds(READY_TIMEOUT_SECONDS + 60);
    if (output.await(READY, process, timeout) == null) {
      String launcherOutput = output.text();
      stop();
      throw new IllegalStateException(
          "The local stack did not report ready within "
              + timeout.toSeconds()
              + " s. Launcher output:\n"
              + launcherOutput);
    }
  }

  /** Returns auth-service's URL, the control plane URL that clients are given. */
  String controlPlaneUrl() {
    return serviceUrl("auth");
  }

  /** Returns the URL of a service by its short name, such as {@code gateway}. */
  String serviceUrl(String shortName) {
    int offset = SERVICES.indexOf(shortName);
    if (offset < 0) {
      throw new IllegalArgumentException("Unknown service " + shortName);
    }
    return "http://127.0.0.1:" + (basePort + offset);
  }

  /** Returns the folder of the services' log files. */
  Path logsDir() {
    return stateDir.resolve("logs");
  }

  /**
   * Stops the launcher's Kafka broker, as an outage would: with SIGTERM to its process, a child of
   * the launcher. The services keep running and reconnect once a broker is back.
   */
  void stopKafka() throws InterruptedException {
    ProcessHandle broker =
        process
            .descendants()
            .filter(child -> commandLineOf(child).contains(KAFKA_BROKER_MAIN))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("The launcher runs no Kafka broker"));
    broker.destroy();
    try {
      broker.onExit().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka did not stop within 60 s", e);
    }
  }

  /**
   * Returns the process's whole command line. JDK 17's {@code ProcessHandle.Info} on Linux cuts it
   * at 4096 characters, before the main class that follows the broker's long classpath, so this
   * reads {@code /proc/PID/cmdline}, whose arguments are separated by NUL bytes.
   */
  private static String commandLineOf(ProcessHandle process) {
    try {
      byte[] cmdline =
          Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
      return new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException e) {
      return process.info().commandLine().orElse("");
    }
  }

  /**
   * Starts a Kafka broker in place of the one {@link #stopKafka()} stopped: the same ports, data
   * folder and log file, so the services find their topics and offsets again. This test JVM owns
   * it, because the launcher does not restart its broker. {@link #stop()} stops it after the
   * services.
   */
  synchronized void restartKafka() {
    replacementKafka =
        new KafkaBroker(
            stateDir.resolve("data/kafka"),
            kafkaPort,
            kafkaControllerPort,
            logsDir().resolve("kafka.log"));
    replacementKafka.start();
  }

  /**
   * Starts a second replica of a service: a JVM with the command line and environment of the one
   * the launcher started, on another free port, so it shares that service's database and Kafka
   * topics. Its output goes to {@code <service>-replica.log} in the logs folder. Returns its URL
   * once it reports ready.
   */
  synchronized String startReplica(String shortName) throws InterruptedException {
    // The launcher runs each service with "-jar quarkus-run.jar" in the service's quarkus-app
    // folder, so the working folder identifies the service, and the replica runs there too.
    Path appFolder = Path.of(shortName + "-service", "target", "quarkus-app");
    ProcessHandle original =
        process
            .descendants()
            .filter(child -> workingDirectoryOf(child).endsWith(appFolder))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("The launcher runs no " + shortName));
    int port = freePortRange(1);

    ProcessBuilder builder =
        new ProcessBuilder(commandOnPort(original, port))
            .directory(workingDirectoryOf(original).toFile())
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.to(
                    logsDir().resolve(shortName + "-service-replica.log").toFile()));
    builder.environment().clear();
    builder.environment().putAll(environmentOf(original));
    Process replica;
    try {
      replica = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Starting a replica of " + shortName + " failed", e);
    }
    replicas.add(replica);

    String url = "http://127.0.0.1:" + port;
    awaitReplicaReady(shortName, url, replica);
    return url;
  }

  /** Returns the process's working directory, or an empty path when it cannot be read. */
  private static Path workingDirectoryOf(ProcessHandle process) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", String.valueOf(process.pid()), "cwd"));
    } catch (IOException e) {
      return Path.of("");
    }
  }

  /** Returns the process's command line with its HTTP port replaced. */
  private static List<String> commandOnPort(ProcessHandle original, int port) {
    List<String> command = new ArrayList<>();
    for (String argument : procEntries(original, "cmdline")) {
      command.add(
          argument.startsWith("-Dquarkus.http.port=") ? "-Dquarkus.http.port=" + port : argument);
    }
    return command;
  }

  /**
   * Returns the process's environment, which contains the keys the launcher keeps off its command
   * line.
   */
  private static Map<String, String> environmentOf(ProcessHandle original) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (String variable : procEntries(original, "environ")) {
      int equals = variable.indexOf('=');
      if (equals > 0) {
        environment.put(variable.substring(0, equals), variable.substring(equals + 1));
      }
    }
    return environment;
  }

  private static void awaitReplicaReady(String shortName, String url, Process replica)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(READY_TIMEOUT_SECONDS);
    while (Instant.now().isBefore(deadline)) {
      if (!replica.isAlive()) {
        throw new IllegalStateException(
            "The replica of " + shortName + " exited with " + replica.exitValue());
      }
      if (readinessAt(url) == 200) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "The replica of " + shortName + " was not ready within " + READY_TIMEOUT_SECONDS + " s");
  }

  /**
   * Returns the HTTP status of the service's readiness check ({@code GET /q/health/ready}): 200
   * when ready, 503 when one of its checks is down, and 0 when it does not respond.
   */
  int readiness(String shortName) throws InterruptedException {
    return readinessAt(serviceUrl(shortName));
  }

  /** Returns the short names of the five services. */
  static List<String> services() {
    return SERVICES;
  }

  private static int readinessAt(String url) throws InterruptedException {
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      return READINESS_CLIENT.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return 0;
    }
  }

  /** Returns the NUL-separated entries of {@code /proc/PID/cmdline} or {@code environ}. */
  private static List<String> procEntries(ProcessHandle process, String file) {
    try {
      byte[] bytes = Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), file));
      return List.of(new String(bytes, StandardCharsets.UTF_8).split("\0"));
    } catch (IOException e) {
      throw new UncheckedIOException("Reading /proc/" + process.pid() + "/" + file + " failed", e);
    }
  }

  /** Returns what the launcher printed so far. */
  String launcherOutput() {
    return output.text();
  }

  /**
   * Stops the stack with {@code roberto-local stop}, which waits for every service to shut down,
   * then kills what is left, drops the stack's databases and deletes its data folder. The logs
   * stay. Safe to call more than once.
   */
  synchronized void stop() {
    stopReplicas();
    try {
      if (process.isAlive()) {
        runStopCommand();
      }
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
      output.awaitEnd(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (replacementKafka != null) {
      replacementKafka.stop();
    }
    Folders.deleteQuietly(stateDir.resolve("data"));
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down, and this may be the hook itself.
    }
  }

  private void stopReplicas() {
    for (Process replica : replicas) {
      replica.destroy();
    }
    for (Process replica : replicas) {
      try {
        if (!replica.waitFor(30, TimeUnit.SECONDS)) {
          replica.destroyForcibly();
        }
      } catch (InterruptedException e) {
        replica.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    replicas.clear();
  }

  private void runStopCommand() throws InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(
                "bash",
                repository.resolve("deploy/local/roberto-local").toString(),
                "stop",
                "--state-dir",
                stateDir.toString(),
                "--timeout",
                String.valueOf(STOP_TIMEOUT.toSeconds()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    try {
      Process stopper = builder.start();
      if (!stopper.waitFor(STOP_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS)) {
        stopper.destroyForcibly();
      }
    } catch (IOException e) {
      System.err.println("roberto-local stop failed to start: " + e.getMessage());
    }
  }

  /**
   * Returns the first of {@code count} consecutive loopback ports that are free, below the
   * ephemeral range so that ports picked by the system cannot collide with them.
   */
  private static int freePortRange(int count) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int first = 20_000 + RANDOM.nextInt(10_000);
      if (IntStream.range(first, first + count).allMatch(LocalStackProcess::isFree)) {
        return first;
      }
    }
    throw new IllegalStateException("No " + count + " consecutive free ports in 20000-30009");
  }

  private static List<Integer> distinctFreePorts(int count) {
    Set<Integer> ports = new LinkedHashSet<>();
    while (ports.size() < count) {
      ports.add(FreePorts.pick());
    }
    return new ArrayList<>(ports);
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
