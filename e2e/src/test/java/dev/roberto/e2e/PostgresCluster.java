package dev.roberto.e2e;

import dev.roberto.testsupport.FreePorts;
import dev.roberto.testsupport.postgres.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the walk-through's own, run with the machine's PostgreSQL programs ({@code
 * initdb}, {@code pg_ctl}) in a temporary folder, on a free loopback port, trusting local
 * connections. The fault run stops and starts it as an operator would restart a database, which the
 * server that every module's tests share must never be.
 *
 * <p>PostgreSQL refuses to run as root, so as root the programs run as the {@code postgres} user
 * through {@code runuser}, which is why the folder is in the system's temporary folder and belongs
 * to that user.
 */
final class PostgresCluster implements AutoCloseable {

  /** Where Debian's packages put each major version's programs, as {@code <version>/bin}. */
  private static final Path DEBIAN_PROGRAMS = Path.of("/usr/lib/postgresql");

  /** A variable that names the folder of {@code initdb} and {@code pg_ctl} instead. */
  static final String PROGRAMS_VARIABLE = "ROBERTO_E2E_POSTGRES_BIN";

  private static final String SYSTEM_USER = "postgres";
  private static final long COMMAND_TIMEOUT_SECONDS = 120;

  private final Path programs;
  private final Path folder;
  private final int port;
  private final boolean asPostgresUser;
  private final Thread stopAtExit = new Thread(this::close, "e2e-stop-postgres");

  private PostgresCluster(Path programs, Path folder, int port, boolean asPostgresUser) {
    this.programs = programs;
    this.folder = folder;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** Creates the cluster and starts its server; it stops with {@link #close()} or with the JVM. */
  static PostgresCluster start() {
    boolean asRoot = "root".equals(System.getProperty("user.name"));
    try {
      Path folder = Files.createTempDirectory("roberto-e2e-postgres-");
      if (asRoot) {
        UserPrincipal postgres =
            folder
                .getFileSystem()
                .getUserPrincipalLookupService()
                .lookupPrincipalByName(SYSTEM_USER);
        Files.setOwner(folder, postgres);
      }
      PostgresCluster cluster =
          new PostgresCluster(findPrograms(), folder, FreePorts.pick(), asRoot);
      Runtime.getRuntime().addShutdownHook(cluster.stopAtExit);
      cluster.run(
          "initdb",
          "-D",
          cluster.dataDir().toString(),
          "-U",
          SYSTEM_USER,
          "--auth=trust",
          "--encoding=UTF8",
          "--locale=C",
          "--no-sync");
      cluster.startServer();
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Preparing a PostgreSQL cluster for the walk-through failed", e);
    }
  }

  /** Returns the server as the services and the launcher reach it. */
  PostgresServer server() {
    return new PostgresServer("127.0.0.1", port, SYSTEM_USER, "");
  }

  /** Returns the server's address in the form that {@code ROBERTO_POSTGRES_URL} takes. */
  String url() {
    return "postgresql://" + SYSTEM_USER + "@127.0.0.1:" + port;
  }

  /**
   * Stops the server with a fast shutdown, as a restart does: open sessions are ended, their
   * transactions rolled back, and what was committed stays.
   */
  void stopServer() {
    run("pg_ctl", "-D", dataDir().toString(), "-m", "fast", "-w", "-t", "60", "stop");
  }

  /** Starts the server and waits until it accepts connections. */
  void startServer() {
    run(
        "pg_ctl",
        "-D",
        dataDir().toString(),
        "-l",
        logFile().toString(),
        "-w",
        "-t",
        "60",
        "-o",
        String.join(
            " ",
            "-p " + port,
            "-c listen_addresses=127.0.0.1",
            "-c unix_socket_directories=" + folder,
            "-c max_connections=300"),
        "start");
  }

  /** Copies the server's log to the file, for reading after a run. */
  void copyLogTo(Path file) throws IOException {
    if (Files.exists(logFile())) {
      Files.copy(logFile(), file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Stops the server at once and deletes its folder. Safe to call more than once. */
  @Override
  public synchronized void close() {
    if (Files.exists(dataDir().resolve("postmaster.pid"))) {
      try {
        run("pg_ctl", "-D", dataDir().toString(), "-m", "immediate", "-w", "stop");
      } catch (RuntimeException e) {
        System.err.println("Stopping the walk-through's PostgreSQL failed: " + e.getMessage());
      }
    }
    Folders.deleteQuietly(folder);
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down, and this may be the hook itself.
    }
  }

  private Path dataDir() {
    return folder.resolve("data");
  }

  private Path logFile() {
    return folder.resolve("postgres.log");
  }

  /** Runs one of the PostgreSQL programs and fails with its output when it does not succeed. */
  private void run(String program, String... arguments) {
    List<String> command = new ArrayList<>();
    if (asPostgresUser) {
      command.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
    }
    command.add(programs.resolve(program).toString());
    command.addAll(List.of(arguments));
    Path output = folder.resolveSibling(folder.getFileName() + "-" + program + ".out");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(program + " did not end within 120 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            program + " exited with " + process.exitValue() + ":\n" + Files.readString(output));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Running " + command + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + program, e);
    } finally {
      try {
        Files.deleteIfExists(output);
      } catch (IOException e) {
        // Only the output of one command.
      }
    }
  }

  /**
   * Returns the folder of {@code initdb} and {@code pg_ctl}: the variable's, else the newest
   * version that Debian's packages installed.
   */
  private static Path findPrograms() throws IOException {
    String configured = System.getenv(PROGRAMS_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    if (Files.isDirectory(DEBIAN_PROGRAMS)) {
      try (Stream<Path> versions = Files.list(DEBIAN_PROGRAMS)) {
        return versions
            .map(version -> version.resolve("bin"))
            .filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
            .max(Comparator.comparing(PostgresCluster::majorVersion))
            .orElseThrow(PostgresCluster::programsMissing);
      }
    }
    throw programsMissing();
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static IllegalStateException programsMissing() {
    return new IllegalStateException(
        "The walk-through runs its own PostgreSQL server and found no pg_ctl under "
            + DEBIAN_PROGRAMS
            + "/<version>/bin. Install PostgreSQL's server package or set "
            + PROGRAMS_VARIABLE
            + " to the folder of initdb and pg_ctl.");
  }
}
