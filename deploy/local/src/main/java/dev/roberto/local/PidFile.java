package dev.roberto.local;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The pid file of a running {@code run}, and beside it a properties file with the URLs it serves,
 * which {@code status} reads.
 */
final class PidFile {

  private static final String MAIN_CLASS = LocalStack.class.getName();

  private final Path pidPath;
  private final Path statePath;

  PidFile(Path pidPath, Path statePath) {
    this.pidPath = pidPath;
    this.statePath = statePath;
  }

  Path path() {
    return pidPath;
  }

  /**
   * Returns the process named in the pid file if it is alive and runs the launcher. A pid file left
   * by a run that was killed yields empty, even when the operating system reused its pid.
   */
  Optional<ProcessHandle> runningProcess() {
    Optional<Long> pid = readPid();
    if (pid.isEmpty()) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive).filter(PidFile::isLauncher);
  }

  /** Writes this JVM's pid, replacing the file in one step. */
  void writeCurrentProcess() {
    writeAtomically(pidPath, ProcessHandle.current().pid() + "\n");
  }

  /** Writes the properties that describe the running stack. */
  void writeState(Properties state) {
    StringWriter text = new StringWriter();
    try {
      state.store(text, "roberto-local run, process " + ProcessHandle.current().pid());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    writeAtomically(statePath, text.toString());
  }

  /** Returns the properties of the running stack, or empty ones when there are none. */
  Properties readState() {
    Properties state = new Properties();
    if (Files.isRegularFile(statePath)) {
      try (Reader reader = Files.newBufferedReader(statePath, StandardCharsets.UTF_8)) {
        state.load(reader);
      } catch (IOException e) {
        throw new UncheckedIOException("Reading " + statePath + " failed", e);
      }
    }
    return state;
  }

  /** Deletes the pid file and the state file; a missing file is no error. */
  void delete() {
    try {
      Files.deleteIfExists(statePath);
      Files.deleteIfExists(pidPath);
    } catch (IOException e) {
      System.err.println("Deleting " + pidPath + " failed: " + e.getMessage());
    }
  }

  private Optional<Long> readPid() {
    if (!Files.isRegularFile(pidPath)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(Files.readString(pidPath).trim()));
    } catch (IOException | NumberFormatException e) {
      System.err.println("Ignoring unreadable pid file " + pidPath + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Tells whether the process runs this launcher; true when the OS hides its command line. */
  private static boolean isLauncher(ProcessHandle process) {
    return process
        .info()
        .commandLine()
        .map(commandLine -> commandLine.contains(MAIN_CLASS))
        .orElse(true);
  }

  private static void writeAtomically(Path target, String content) {
    try {
      Files.createDirectories(target.getParent());
      Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
      Files.writeString(temporary, content, StandardCharsets.UTF_8);
      Files.move(
          temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Writing " + target + " failed", e);
    }
  }
}
