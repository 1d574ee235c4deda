package dev.roberto.cli.runtime.update;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.roberto.client.store.AuthStore;
import dev.roberto.client.update.InstalledVersions;
import dev.roberto.client.update.ScriptLink;
import dev.roberto.client.update.UpdateDecision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The runtime host's own record of its updates, in {@code runtime-updates.json} beside the auth
 * store: per control plane and runtime credential, the versions last reported, the last decision,
 * and each apply with its state. An apply whose scripts started is never started again from this
 * record, so re-running the same apply after a restart does not run its scripts twice.
 *
 * <p>Every change holds a lock on {@code runtime-updates.lock} and replaces the file atomically.
 */
final class UpdateJournal {

  /** Applies the control plane accepted; the scripts have not started. */
  static final String ACCEPTED = "accepted";

  /** The scripts started, and this record has no sign that they finished. */
  static final String RUNNING = "running";

  static final String SUCCEEDED = "succeeded";
  static final String FAILED = "failed";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path folder;

  UpdateJournal(Path folder) {
    this.folder = folder;
  }

  /** Returns the journal in the roberto config folder, where the auth store is too. */
  static UpdateJournal inConfigFolder() {
    return new UpdateJournal(AuthStore.inConfigFolder().folder());
  }

  Path file() {
    return folder.resolve("runtime-updates.json");
  }

  /** The record of one runtime credential of one control plane. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class RuntimeRecord {
    public String runtimeId;
    public InstalledVersions installed;
    public UpdateDecision decision;
    public Map<String, ApplyRecord> applies = new HashMap<>();
  }

  /** One apply, keyed by component and target version. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class ApplyRecord {
    public String decisionId;
    public String agentId;
    public String targetVersion;
    public String state;
    public List<ScriptLink> scripts = new ArrayList<>();
    public String message;
    public String updatedAt;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class Contents {
    public int version = 1;
    public Map<String, RuntimeRecord> runtimes = new HashMap<>();
  }

  /** Returns the key of an apply: the agent (or {@code runtime}) and the target version. */
  static String applyKey(String agentId, String targetVersion) {
    return (agentId == null ? "runtime" : "agent:" + agentId) + "@" + targetVersion;
  }

  /** Returns the key of a runtime credential on a control plane. */
  static String runtimeKey(String controlPlaneUrl, String clientId) {
    return controlPlaneUrl + " " + clientId;
  }

  /** Returns the record of a runtime credential; an empty one when none is stored. */
  RuntimeRecord read(String runtimeKey) {
    return change(contents -> contents.runtimes.getOrDefault(runtimeKey, new RuntimeRecord()));
  }

  /** Changes the record of a runtime credential under the lock and saves it. */
  <T> T update(String runtimeKey, Function<RuntimeRecord, T> change) {
    return change(
        contents -> {
          RuntimeRecord record =
              contents.runtimes.computeIfAbsent(runtimeKey, key -> new RuntimeRecord());
          T result = change.apply(record);
          write(contents);
          return result;
        });
  }

  private <T> T change(Function<Contents, T> action) {
    try {
      createFolder();
      try (FileChannel channel =
              FileChannel.open(
                  folder.resolve("runtime-updates.lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        return action.apply(readContents());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Reading or writing " + file() + " failed", e);
    }
  }

  private Contents readContents() throws IOException {
    if (!Files.exists(file())) {
      return new Contents();
    }
    return JSON.readValue(file().toFile(), Contents.class);
  }

  private void write(Contents contents) {
    try {
      Path temporary = Files.createTempFile(folder, "runtime-updates", ".tmp");
      if (posix()) {
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
      }
      JSON.writeValue(temporary.toFile(), contents);
      Files.move(
          temporary, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Writing " + file() + " failed", e);
    }
  }

  private void createFolder() throws IOException {
    if (Files.isDirectory(folder)) {
      return;
    }
    if (posix()) {
      Files.createDirectories(
          folder,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(folder);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
