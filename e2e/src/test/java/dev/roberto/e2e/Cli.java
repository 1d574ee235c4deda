package dev.roberto.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged {@code roberto} CLI ({@code java -jar cli/target/roberto-cli.jar}), each command in
 * its own process, with {@code XDG_CONFIG_HOME} in a test folder and {@code --control-plane} set,
 * as a person's shell would run it.
 */
final class Cli {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path jar;
  private final Path configHome;
  private final String controlPlaneUrl;
  private final Map<String, String> environment;

  Cli(Path jar, Path configHome, String controlPlaneUrl) {
    this(jar, configHome, controlPlaneUrl, Map.of());
  }

  private Cli(Path jar, Path configHome, String controlPlaneUrl, Map<String, String> environment) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing; build it with ./mvnw -pl cli -am verify");
    }
    this.jar = jar;
    this.configHome = configHome;
    this.controlPlaneUrl = controlPlaneUrl;
    this.environment = Map.copyOf(environment);
  }

  /**
   * Returns the CLI as another host runs it: its own config folder and extra environment, such as a
   * runtime host with its runtime credential.
   */
  Cli onHost(Path hostConfigHome, Map<String, String> hostEnvironment) {
    return new Cli(jar, hostConfigHome, controlPlaneUrl, hostEnvironment);
  }

  /** The end of one command: its exit code and both output streams. */
  record Result(List<String> args, int exitCode, String stdout, String stderr) {

    /** Returns stdout parsed as the one JSON object that {@code --json} prints. */
    JsonNode json() {
      try {
        return JSON.readTree(stdout);
      } catch (IOException e) {
        throw new AssertionError("Not JSON on stdout of " + this, e);
      }
    }

    @Override
    public String toString() {
      return "roberto "
          + String.join(" ", args)
          + " -> exit "
          + exitCode
          + "\n--- stdout\n"
          + stdout
          + "\n--- stderr\n"
          + stderr;
    }
  }

  /** A command that runs while the test does something else, such as approving a login. */
  final class Running {
    private final List<String> args;
    private final Process process;
    private final ProcessOutput stdout;
    private final ProcessOutput stderr;

    private Running(List<String> args, Process process) {
      this.args = args;
      this.process = process;
      this.stdout = new ProcessOutput(process.getInputStream(), "e2e-cli-stdout");
      this.stderr = new ProcessOutput(process.getErrorStream(), "e2e-cli-stderr");
    }

    /** Waits until stderr contains a match of the pattern and returns the match. */
    Matcher awaitStderr(Pattern pattern) throws InterruptedException {
      Matcher matcher = stderr.await(pattern, process, TIMEOUT);
      if (matcher == null) {
        process.destroyForcibly();
        throw new AssertionError(
            "roberto "
                + String.join(" ", args)
                + " printed no match of "
                + pattern
                + "; stderr: "
                + stderr.text());
      }
      return matcher;
    }

    /** Waits for the command to end and returns what it printed. */
    Result end() {
      try {
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError(
              "roberto "
                  + String.join(" ", args)
                  + " did not end within "
                  + TIMEOUT.toSeconds()
                  + " s; stderr: "
                  + stderr.text());
        }
        stdout.awaitEnd(Duration.ofSeconds(10));
        stderr.awaitEnd(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting for the CLI", e);
      }
      return new Result(args, process.exitValue(), stdout.text(), stderr.text());
    }
  }

  /** Runs {@code roberto ARGS} to its end. */
  Result run(String... args) {
    return start(args).end();
  }

  /** Starts {@code roberto ARGS} and returns while it runs. */
  Running start(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.add("--control-plane");
    command.add(controlPlaneUrl);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("XDG_CONFIG_HOME", configHome.toString());
    // No browser may open from the CLI: the test approves in its own headless Chromium.
    builder.environment().remove("DISPLAY");
    builder.environment().remove("WAYLAND_DISPLAY");
    builder.environment().remove("ROBERTO_CONTROL_PLANE");
    builder.environment().remove("ROBERTO_WEBHOOK_SECRET");
    builder.environment().remove("ROBERTO_RUNTIME_CLIENT_ID");
    builder.environment().remove("ROBERTO_RUNTIME_CLIENT_SECRET");
    builder.environment().putAll(environment);
    try {
      return new Running(List.of(args), builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("Starting the CLI failed", e);
    }
  }
}
