package dev.roberto.cli.runtime.update;

import dev.roberto.client.RobertoException;
import dev.roberto.client.update.RuntimeSession;
import dev.roberto.client.update.ScriptLink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks downloaded scripts against their SHA-256 and size, and runs them one after another with
 * {@code /bin/sh} in a temporary folder readable only by this user.
 */
final class ScriptRunner {

  /** A downloaded script with the link it came from. */
  record Fetched(ScriptLink link, byte[] body) {}

  /** The result of a run: success when every script exited 0, else the first failure. */
  record Outcome(boolean succeeded, String failedScript, Integer exitCode, String message) {

    static Outcome success() {
      return new Outcome(true, null, 0, null);
    }
  }

  private static final Pattern SCRIPT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final PrintWriter output;
  private final Duration timeout;

  /**
   * @param output receives the scripts' standard output and error, line by line
   * @param timeout longest time one script may run before it is stopped and counts as failed
   */
  ScriptRunner(PrintWriter output, Duration timeout) {
    this.output = output;
    this.timeout = timeout;
  }

  /**
   * Fails with script_name_invalid, script_size_mismatch or script_hash_mismatch unless the body is
   * the one listed under a plain file name.
   */
  static void verify(Fetched script) {
    ScriptLink link = script.link();
    if (link.name() == null || !SCRIPT_NAME.matcher(link.name()).matches()) {
      throw new RobertoException(
          0,
          "script_name_invalid",
          "The decision names a script " + link.name() + ", which is not a plain file name.",
          "Tell the control plane's operators; nothing was run.",
          null);
    }
    if (script.body().length != link.size()) {
      throw new RobertoException(
          0,
          "script_size_mismatch",
          "Script "
              + link.name()
              + " has "
              + script.body().length
              + " bytes, not the "
              + link.size()
              + " the decision lists; nothing was run.",
          "Run `roberto runtime check-updates` and apply again; if it repeats, tell the control"
              + " plane's operators.",
          null);
    }
    String actual = sha256Hex(script.body());
    if (!actual.equals(link.sha256().toLowerCase(Locale.ROOT))) {
      throw new RobertoException(
          0,
          "script_hash_mismatch",
          "The SHA-256 of script "
              + link.name()
              + " is "
              + actual
              + ", not the "
              + link.sha256()
              + " the decision lists; nothing was run.",
          "Do not run it by hand. Run `roberto runtime check-updates` and apply again; if it"
              + " repeats, tell the control plane's operators.",
          null);
    }
  }

  /** Runs the verified scripts in order and stops at the first that fails. */
  Outcome run(List<Fetched> scripts, Map<String, String> environment) {
    Path folder = createFolder();
    try {
      for (Fetched script : scripts) {
        Path file = folder.resolve(script.link().name());
        Files.write(file, script.body());
        Outcome outcome = runOne(script.link().name(), file, folder, environment);
        if (!outcome.succeeded()) {
          return outcome;
        }
      }
      return Outcome.success();
    } catch (IOException e) {
      throw new UncheckedIOException("Writing the scripts to " + folder + " failed", e);
    } finally {
      deleteQuietly(folder);
    }
  }

  private Outcome runOne(String name, Path file, Path folder, Map<String, String> environment) {
    ProcessBuilder builder =
        new ProcessBuilder("/bin/sh", file.toString()).directory(folder.toFile());
    builder.redirectErrorStream(true);
    // The script gets the update's variables but never the runtime credential.
    builder.environment().remove(RuntimeSession.CLIENT_ID_VARIABLE);
    builder.environment().remove(RuntimeSession.CLIENT_SECRET_VARIABLE);
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      Thread copier = copyOutput(process, name);
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        copier.join();
        return new Outcome(
            false, name, null, "script " + name + " did not finish within " + timeout + ".");
      }
      copier.join();
      int exitCode = process.exitValue();
      if (exitCode != 0) {
        return new Outcome(
            false, name, exitCode, "script " + name + " exited with " + exitCode + ".");
      }
      return Outcome.success();
    } catch (IOException e) {
      return new Outcome(false, name, null, "script " + name + " did not start: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(false, name, null, "script " + name + " was interrupted.");
    }
  }

  private Thread copyOutput(Process process, String name) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                  synchronized (output) {
                    output.println("[" + name + "] " + line);
                    output.flush();
                  }
                }
              } catch (IOException e) {
                // The script's output ends with the script; nothing is left to copy.
              }
            },
            "script-output");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static Path createFolder() {
    try {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        return Files.createTempDirectory(
            "roberto-update-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      return Files.createTempDirectory("roberto-update-");
    } catch (IOException e) {
      throw new UncheckedIOException("Creating a temporary folder for the scripts failed", e);
    }
  }

  private static void deleteQuietly(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary folder holds only the scripts, which the control plane still serves.
    }
  }

  static String sha256Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-256", e);
    }
  }
}
