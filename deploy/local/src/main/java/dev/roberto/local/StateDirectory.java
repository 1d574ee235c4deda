package dev.roberto.local;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --state-dir} option that every subcommand shares, and the paths inside that folder.
 */
final class StateDirectory {

  /** The system property that the roberto-local script sets to the repository root. */
  static final String REPOSITORY_PROPERTY = "roberto.repository";

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Folder for data, logs and the pid file (default: .local in the repository root).")
  Path stateDir;

  /** Returns the repository root from the script's system property, else the working directory. */
  static Path repository() {
    return Path.of(System.getProperty(REPOSITORY_PROPERTY, ".")).toAbsolutePath().normalize();
  }

  Path root() {
    Path folder = stateDir != null ? stateDir : repository().resolve(".local");
    return folder.toAbsolutePath().normalize();
  }

  /**
   * Returns the command that stops a run in this folder: {@code --state-dir} is repeated when it
   * was given, because a plain {@code stop} looks in the default folder.
   */
  String stopCommand() {
    String command = "deploy/local/roberto-local stop";
    return stateDir == null ? command : command + " --state-dir " + root();
  }

  Path dataDir() {
    return root().resolve("data");
  }

  Path logsDir() {
    return root().resolve("logs");
  }

  PidFile pidFile() {
    return new PidFile(root().resolve("roberto-local.pid"), root().resolve("roberto-local.state"));
  }
}
