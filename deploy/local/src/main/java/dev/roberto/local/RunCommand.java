package dev.roberto.local;

import dev.roberto.local.standin.StandInLlmProvider;
import dev.roberto.testsupport.kafka.KafkaBroker;
import dev.roberto.testsupport.postgres.Postgres;
import dev.roberto.testsupport.postgres.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code run} subcommand: starts the whole stack and stays in the foreground. */
@Command(
    name = "run",
    description = {
      "Starts PostgreSQL (an existing server, else an embedded one), Kafka, the stand-in LLM"
          + " provider and the services on 127.0.0.1, waits until every service is ready, and"
          + " stays in the foreground. Ctrl-C or 'roberto-local stop' stops it all."
    })
final class RunCommand implements Callable<Integer> {

  /**
   * JVM options of every service: a small initial heap and the serial collector for a low resident
   * memory, and a first metaspace threshold above what the classes need, so that loading them
   * triggers no full collection. README.md, "Service JVMs", gives the measurements.
   */
  static final List<String> SERVICE_JVM_OPTIONS =
      List.of(
          "-Xmx128m",
          "-Xms32m",
          "-XX:MetaspaceSize=128m",
          "-XX:+UseSerialGC",
          "-XX:TrimNativeHeapInterval=2000");

  private static final Duration READY_POLL_INTERVAL = Duration.ofMillis(500);
  private static final Pattern DATABASE_PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,39}");

  @Mixin HelpOption help;

  @Mixin StateDirectory state;

  @Option(
      names = "--reset",
      description =
          "Delete the Kafka data and drop and recreate the five databases of --database-prefix"
              + " before starting.")
  boolean reset;

  @Option(
      names = "--services",
      paramLabel = "LIST",
      defaultValue = "auth,billing,runtime,gateway,webhook",
      description =
          "Comma-separated services to start, or 'none' for only PostgreSQL, Kafka and the"
              + " stand-in LLM provider (default: ${DEFAULT-VALUE}).")
  String services;

  @Option(
      names = "--base-port",
      paramLabel = "PORT",
      defaultValue = "8081",
      description =
          "HTTP port of auth-service; billing, runtime, gateway and webhook take the next four"
              + " (default: ${DEFAULT-VALUE}).")
  int basePort;

  @Option(
      names = "--kafka-port",
      paramLabel = "PORT",
      defaultValue = "9092",
      description = "Kafka client port (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(
      names = "--kafka-controller-port",
      paramLabel = "PORT",
      defaultValue = "9093",
      description = "Kafka KRaft controller port (default: ${DEFAULT-VALUE}).")
  int kafkaControllerPort;

  @Option(
      names = "--provider-port",
      paramLabel = "PORT",
      defaultValue = "" + StandInLlmProvider.DEFAULT_PORT,
      description = "Port of the stand-in LLM provider (default: ${DEFAULT-VALUE}).")
  int providerPort;

  @Option(
      names = "--postgres-port",
      paramLabel = "PORT",
      defaultValue = "5433",
      description =
          "Port of the embedded PostgreSQL, used only when no existing server is found"
              + " (default: ${DEFAULT-VALUE}).")
  int postgresPort;

  @Option(
      names = "--database-prefix",
      paramLabel = "PREFIX",
      defaultValue = ServiceDefinition.DEFAULT_DATABASE_PREFIX,
      description =
          "Names the services' databases PREFIX_auth, PREFIX_billing and so on: a lower-case"
              + " letter, then up to 39 lower-case letters, digits or '_' (default:"
              + " ${DEFAULT-VALUE}).")
  String databasePrefix;

  @Option(
      names = "--ready-timeout",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description =
          "Time for all services to report ready, in seconds (default: ${DEFAULT-VALUE}).")
  long readyTimeoutSeconds;

  private String postgresDescription;

  @Override
  public Integer call() throws InterruptedException {
    Path repository = StateDirectory.repository();
    List<ServiceDefinition> selected = ServiceDefinition.select(services);
    requireJars(repository, selected);
    requireValidDatabasePrefix(databasePrefix);
    if (readyTimeoutSeconds < 1) {
      throw new LocalStackException(
          "--ready-timeout must be at least 1 second, but was " + readyTimeoutSeconds + ".");
    }

    PidFile pidFile = state.pidFile();
    pidFile
        .runningProcess()
        .ifPresent(
            process -> {
              throw new LocalStackException(
                  "Another run is already running as process "
                      + process.pid()
                      + " (pid file "
                      + pidFile.path()
                      + "). Stop it with '"
                      + state.stopCommand()
                      + "'.");
            });

    PostgresServer existingPostgres = Postgres.configuredOrLocal();
    if (existingPostgres == null) {
      PostgresChecks.requireNonRootUser();
    }
    claimPorts(selected, existingPostgres == null).requireAllFree();

    createDirectory(state.dataDir());
    createDirectory(state.logsDir());
    pidFile.writeCurrentProcess();
    RunningStack stack = new RunningStack(pidFile);
    Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "roberto-local-stop"));

    try {
      List<ServiceProcess> started = startAll(stack, repository, selected, existingPostgres);
      awaitReady(stack, started);
      printSummary(started, stack.providerUrl());
      watchForExits(stack, started);
    } catch (LocalStackException | IllegalStateException | UncheckedIOException e) {
      if (stack.isStopping()) {
        // A shutdown hook is already stopping the stack and prints what it does.
        return 130;
      }
      // The cause goes first, so that it is not lost below the lines of the shutdown.
      System.err.println("roberto-local: " + failureMessage(e));
      stack.stop();
      return 1;
    }

    // Stay in the foreground. The shutdown hook stops the stack on SIGINT or SIGTERM.
    new CountDownLatch(1).await();
    return 0;
  }

  /**
   * Returns the exception's message, followed by its cause's message for the exceptions of the
   * test-support classes, such as a failed CREATE DATABASE, whose own message omits the cause.
   */
  private static String failureMessage(RuntimeException e) {
    if (e instanceof LocalStackException || e.getCause() == null) {
      return e.getMessage();
    }
    return e.getMessage() + ": " + e.getCause().getMessage();
  }

  private List<ServiceProcess> startAll(
      RunningStack stack,
      Path repository,
      List<ServiceDefinition> selected,
      PostgresServer existingPostgres) {
    if (reset) {
      deleteRecursively(kafkaDataDir());
      System.out.println("Deleted the Kafka data in " + kafkaDataDir() + ".");
    }

    PostgresServer postgres = existingPostgres;
    if (postgres == null) {
      Path postgresDataDir = state.dataDir().resolve("postgres");
      System.out.println(
          "Starting the embedded PostgreSQL on 127.0.0.1:"
              + postgresPort
              + " with data in "
              + postgresDataDir
              + ".");
      postgres = stack.startEmbeddedPostgres(postgresDataDir, postgresPort, logFile("postgres"));
    } else {
      PostgresChecks.requireReachable(existingPostgres);
      System.out.println(
          "Using the PostgreSQL server at "
              + postgres.host()
              + ":"
              + postgres.port()
              + " as user "
              + postgres.user()
              + ".");
    }
    postgresDescription =
        postgres.host()
            + ":"
            + postgres.port()
            + (existingPostgres == null ? " (embedded)" : " (existing server)");
    prepareDatabases(postgres);

    KafkaBroker kafka =
        new KafkaBroker(kafkaDataDir(), kafkaPort, kafkaControllerPort, logFile("kafka"));
    System.out.println("Starting Kafka on " + kafka.bootstrapServers() + ".");
    stack.startKafka(kafka);

    StandInLlmProvider provider = stack.startProvider(providerPort);

    String controlPlaneUrl = serviceUrl(ServiceDefinition.ALL.get(0));
    LocalSecrets secrets = LocalSecrets.loadOrCreate(state.root());
    List<ServiceProcess> started = new ArrayList<>();
    for (ServiceDefinition definition : selected) {
      ServiceLaunch launch =
          new ServiceLaunch(
              definition,
              definition.port(basePort),
              postgres,
              definition.database(databasePrefix),
              kafka.bootstrapServers(),
              controlPlaneUrl,
              provider.baseUrl(),
              secrets);
      ServiceProcess service =
          stack.startService(
              definition,
              serviceUrl(definition),
              launch.command(definition.jar(repository)),
              definition.jar(repository).getParent(),
              launch.environment(),
              logFile(definition.name()));
      System.out.println(
          "Started "
              + definition.name()
              + " (pid "
              + service.pid()
              + ") on "
              + service.url()
              + ".");
      started.add(service);
    }

    state.pidFile().writeState(describe(started, postgres, kafka, provider, controlPlaneUrl));
    return started;
  }

  private void prepareDatabases(PostgresServer postgres) {
    List<String> databases =
        ServiceDefinition.ALL.stream()
            .map(definition -> definition.database(databasePrefix))
            .toList();
    if (reset) {
      databases.forEach(postgres::dropDatabase);
      System.out.println("Dropped the databases " + String.join(", ", databases) + ".");
    }
    databases.forEach(postgres::ensureDatabase);
  }

  /**
   * Polls every service's readiness endpoint until all return 200.
   *
   * @throws LocalStackException when a service exits or the timeout passes, naming its log file
   */
  private void awaitReady(RunningStack stack, List<ServiceProcess> started)
      throws InterruptedException {
    Readiness readiness = new Readiness();
    Instant startedAt = Instant.now();
    Instant deadline = startedAt.plusSeconds(readyTimeoutSeconds);
    Map<ServiceProcess, Integer> lastStatus = new LinkedHashMap<>();
    started.forEach(service -> lastStatus.put(service, Readiness.NO_RESPONSE));

    while (!lastStatus.isEmpty()) {
      for (ServiceProcess service : List.copyOf(lastStatus.keySet())) {
        if (stack.isStopping()) {
          throw new LocalStackException("Stopped while waiting for the services.");
        }
        if (!service.isAlive()) {
          throw new LocalStackException(
              service.name()
                  + " exited with code "
                  + service.exitValue()
                  + " before it was ready. See "
                  + service.logFile()
                  + ".");
        }
        int status = readiness.status(service.url());
        if (status == 200) {
          lastStatus.remove(service);
          System.out.printf(
              Locale.ROOT,
              "%s is ready (%.1f s).%n",
              service.name(),
              Duration.between(startedAt, Instant.now()).toMillis() / 1000.0);
        } else {
          lastStatus.put(service, status);
        }
      }
      if (!lastStatus.isEmpty() && Instant.now().isAfter(deadline)) {
        throw notReady(lastStatus);
      }
      Thread.sleep(READY_POLL_INTERVAL.toMillis());
    }
  }

  private LocalStackException notReady(Map<ServiceProcess, Integer> lastStatus) {
    Map.Entry<ServiceProcess, Integer> first = lastStatus.entrySet().iterator().next();
    ServiceProcess service = first.getKey();
    String outcome =
        first.getValue() == Readiness.NO_RESPONSE
            ? "got no response"
            : "returned HTTP " + first.getValue();
    String others =
        lastStatus.size() == 1
            ? ""
            : " Also not ready: "
                + String.join(
                    ", ", lastStatus.keySet().stream().skip(1).map(ServiceProcess::name).toList())
                + ".";
    return new LocalStackException(
        service.name()
            + " was not ready within "
            + readyTimeoutSeconds
            + " s: GET "
            + Readiness.readinessUrl(service.url())
            + " "
            + outcome
            + ". See "
            + service.logFile()
            + ", or allow more time with --ready-timeout."
            + others);
  }

  private void printSummary(List<ServiceProcess> started, String providerUrl) {
    ServiceDefinition auth = ServiceDefinition.ALL.get(0);
    boolean authStarted = started.stream().anyMatch(service -> service.definition().equals(auth));
    System.out.println();
    System.out.println("The Roberto local stack is running.");
    System.out.println();
    if (authStarted) {
      System.out.println("Control plane URL: " + serviceUrl(auth));
    } else {
      System.out.println("No control plane URL, because auth-service is not in --services.");
    }
    for (ServiceProcess service : started) {
      System.out.printf(Locale.ROOT, "  %-22s %s%n", service.name(), service.url());
    }
    System.out.printf(Locale.ROOT, "  %-22s %s%n", "stand-in LLM provider", providerUrl);
    System.out.printf(Locale.ROOT, "  %-22s 127.0.0.1:%d%n", "Kafka", kafkaPort);
    System.out.printf(Locale.ROOT, "  %-22s %s%n", "PostgreSQL", postgresDescription);
    System.out.println("Logs: " + state.logsDir());
    System.out.println();
    String example =
        started.isEmpty()
            ? providerUrl + "/v1/models"
            : Readiness.readinessUrl(started.get(0).url());
    System.out.println("Try:  curl " + example);
    System.out.println("Stop: press Ctrl-C, or run '" + state.stopCommand() + "'.");
  }

  /** Reports a service that exits after it was ready, while the rest of the stack keeps running. */
  private static void watchForExits(RunningStack stack, List<ServiceProcess> started) {
    for (ServiceProcess service : started) {
      ProcessHandle.of(service.pid())
          .ifPresent(
              handle ->
                  handle
                      .onExit()
                      .thenRun(
                          () -> {
                            if (!stack.isStopping()) {
                              System.err.println(
                                  service.name()
                                      + " exited unexpectedly. See "
                                      + service.logFile()
                                      + ". The rest of the stack keeps running.");
                            }
                          }));
    }
  }

  private Properties describe(
      List<ServiceProcess> started,
      PostgresServer postgres,
      KafkaBroker kafka,
      StandInLlmProvider provider,
      String controlPlaneUrl) {
    Properties description = new Properties();
    if (started.stream().anyMatch(service -> service.url().equals(controlPlaneUrl))) {
      description.setProperty("control-plane.url", controlPlaneUrl);
    }
    description.setProperty(
        "services", String.join(",", started.stream().map(ServiceProcess::name).toList()));
    for (ServiceProcess service : started) {
      description.setProperty("service." + service.name() + ".url", service.url());
    }
    description.setProperty("provider.url", provider.baseUrl());
    description.setProperty("kafka.bootstrap.servers", kafka.bootstrapServers());
    description.setProperty("postgres.address", postgres.host() + ":" + postgres.port());
    description.setProperty("logs", state.logsDir().toString());
    return description;
  }

  private PortCheck claimPorts(List<ServiceDefinition> selected, boolean embeddedPostgres) {
    PortCheck ports = new PortCheck();
    for (ServiceDefinition definition : selected) {
      ports.claim(definition.port(basePort), definition.name(), "--base-port");
    }
    ports.claim(providerPort, "the stand-in LLM provider", "--provider-port");
    ports.claim(kafkaPort, "Kafka", "--kafka-port");
    ports.claim(kafkaControllerPort, "the Kafka controller", "--kafka-controller-port");
    if (embeddedPostgres) {
      ports.claim(postgresPort, "the embedded PostgreSQL", "--postgres-port");
    }
    return ports;
  }

  private static void requireJars(Path repository, List<ServiceDefinition> selected) {
    List<String> missing =
        selected.stream()
            .filter(definition -> !Files.isRegularFile(definition.jar(repository)))
            .map(definition -> definition.jar(repository).toString())
            .toList();
    if (!missing.isEmpty()) {
      throw new LocalStackException(
          "Service jar not found: "
              + String.join(", ", missing)
              + ". Build the services with './mvnw -B install -DskipTests' in "
              + repository
              + ", or leave them out with --services.");
    }
  }

  /**
   * Rejects a prefix that would need quoting in SQL or make a database name longer than
   * PostgreSQL's 63 characters.
   */
  static void requireValidDatabasePrefix(String prefix) {
    if (!DATABASE_PREFIX.matcher(prefix).matches()) {
      throw new LocalStackException(
          "Invalid --database-prefix '"
              + prefix
              + "': use a lower-case letter, then up to 39 lower-case letters, digits or '_',"
              + " for example e2e_run1.");
    }
  }

  private String serviceUrl(ServiceDefinition definition) {
    return "http://127.0.0.1:" + definition.port(basePort);
  }

  private Path kafkaDataDir() {
    return state.dataDir().resolve("kafka");
  }

  private Path logFile(String name) {
    return state.logsDir().resolve(name + ".log");
  }

  private static void createDirectory(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new LocalStackException("Creating " + directory + " failed: " + e.getMessage(), e);
    }
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException | UncheckedIOException e) {
      throw new LocalStackException("Deleting " + directory + " failed: " + e.getMessage(), e);
    }
  }
}
