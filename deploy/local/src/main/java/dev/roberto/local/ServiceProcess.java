package dev.roberto.local;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A service running as a child JVM, with its output in a log file. */
final class ServiceProcess {

  private final ServiceDefinition definition;
  private final String url;
  private final Path logFile;
  private final Process process;

  private ServiceProcess(ServiceDefinition definition, String url, Path logFile, Process process) {
    this.definition = definition;
    this.url = url;
    this.logFile = logFile;
    this.process = process;
  }

  /**
   * Starts the command in the directory with the extra environment variables, writing its stdout
   * and stderr to the log file, which it empties first.
   */
  static ServiceProcess start(
      ServiceDefinition definition,
      String url,
      List<String> command,
      Path directory,
      Map<String, String> environment,
      Path logFile) {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
    builder.environment().putAll(environment);
    try {
      return new ServiceProcess(definition, url, logFile, builder.start());
    } catch (IOException e) {
      throw new LocalStackException(
          "Starting " + definition.name() + " failed: " + e.getMessage(), e);
    }
  }

  ServiceDefinition definition() {
    return definition;
  }

  String name() {
    return definition.name();
  }

  String url() {
    return url;
  }

  Path logFile() {
    return logFile;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  int exitValue() {
    return process.exitValue();
  }

  /** Sends SIGTERM, so that Quarkus shuts down gracefully. */
  void requestStop() {
    process.destroy();
  }

  /** Sends SIGKILL. */
  void kill() {
    process.destroyForcibly();
  }

  /**
   * Waits until the process has exited or the deadline has passed, then kills it with SIGKILL if it
   * is still alive. Returns true when it exited before the deadline.
   */
  boolean awaitStop(Instant deadline) throws InterruptedException {
    long remainingMillis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
    if (process.waitFor(remainingMillis, TimeUnit.MILLISECONDS)) {
      return true;
    }
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
    return false;
  }
}
