package dev.roberto.cli;

import dev.roberto.testsupport.auth.AuthServiceProcess;
import java.io.ByteArrayOutputStream;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged CLI, {@code java -jar target/roberto-cli.jar}, run as its own process with {@code
 * XDG_CONFIG_HOME} set to a test folder and the real auth-service as its control plane.
 */
final class CliProcess {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final Output stdout;
  private final Output stderr;

  private CliProcess(Process process) {
    this.process = process;
    this.stdout = new Output(process.getInputStream());
    this.stderr = new Output(process.getErrorStream());
  }

  /** The finished run: exit code and both output streams. */
  record Result(int exitCode, String stdout, String stderr) {}

  /** Runs the CLI to its end. */
  static Result run(Path configHome, String... args) {
    return start(configHome, args).await();
  }

  /** Runs the CLI to its end with further environment variables, which win over the defaults. */
  static Result run(Path configHome, Map<String, String> environment, String... args) {
    return start(configHome, environment, args).await();
  }

  /** Starts the CLI and returns while it runs. */
  static CliProcess start(Path configHome, String... args) {
    return start(configHome, Map.of(), args);
  }

  /** Starts the CLI with further environment variables, which win over the defaults. */
  static CliProcess start(Path configHome, Map<String, String> environment, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("XDG_CONFIG_HOME", configHome.toString());
    builder.environment().put("ROBERTO_CONTROL_PLANE", AuthServiceProcess.shared().url());
    builder.environment().remove("DISPLAY");
    builder.environment().remove("WAYLAND_DISPLAY");
    builder.environment().remove("ROBERTO_WEBHOOK_SECRET");
    builder.environment().putAll(environment);
    try {
      return new CliProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("Starting the CLI failed", e);
    }
  }

  /** Waits until stderr contains a match of the pattern and returns its first group. */
  String awaitStderr(Pattern pattern) throws InterruptedException {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      Matcher matcher = pattern.matcher(stderr.text());
      if (matcher.find()) {
        return matcher.group(1);
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "The CLI printed no match of " + pattern + "; stderr: " + stderr.text());
  }

  /** Waits for the process to end and returns what it printed. */
  Result await() {
    try {
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("The CLI did not finish in " + TIMEOUT + "; " + stderr.text());
      }
      stdout.thread.join();
      stderr.thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for the CLI", e);
    }
    return new Result(process.exitValue(), stdout.text(), stderr.text());
  }

  private static Path jar() {
    Path jar = Path.of(System.getProperty("roberto.cli.jar", "target/roberto-cli.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing; build it with ./mvnw -pl cli -am verify");
    }
    return jar;
  }

  /** Collects a stream in the background, so the process never blocks on a full pipe. */
  private static final class Output {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Thread thread;

    Output(InputStream in) {
      thread =
          new Thread(
              () -> {
                byte[] buffer = new byte[4096];
                try {
                  for (int read; (read = in.read(buffer)) != -1; ) {
                    synchronized (bytes) {
                      bytes.write(buffer, 0, read);
                    }
                  }
                } catch (IOException e) {
                  // The process ended; what was read so far is kept.
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    String text() {
      synchronized (bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
