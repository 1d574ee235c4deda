package dev.roberto.client.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a runtime's credential as an environment file that a shell can load ({@code set -a; .
 * FILE; set +a}) on the runtime host. The file is created 0600 on POSIX file systems, before any
 * byte is written, and an existing file is never replaced.
 */
public final class CredentialFile {

  private CredentialFile() {}

  /** Returns the default path: {@code runtimes/<runtime id>.env} in the given config folder. */
  public static Path defaultPath(Path configFolder, String runtimeId) {
    return configFolder.resolve("runtimes").resolve(runtimeId + ".env");
  }

  /**
   * Writes the file, creating its folder 0700 when missing.
   *
   * @throws UncheckedIOException when the file exists already or cannot be written
   */
  public static Path write(Path file, String controlPlaneUrl, RegisteredRuntime registered) {
    Path target = file.toAbsolutePath().normalize();
    try {
      Path folder = target.getParent();
      if (!Files.isDirectory(folder)) {
        Files.createDirectories(folder, attributes("rwx------"));
      }
      Files.createFile(target, attributes("rw-------"));
      Files.writeString(target, content(controlPlaneUrl, registered), StandardCharsets.UTF_8);
      return target;
    } catch (FileAlreadyExistsException e) {
      throw new UncheckedIOException(
          "The credential file " + target + " exists already; it was left unchanged", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Writing the credential file " + target + " failed", e);
    }
  }

  private static String content(String controlPlaneUrl, RegisteredRuntime registered) {
    RuntimeCredential credential = registered.credential();
    return String.join(
        "\n",
        "# Roberto runtime " + registered.name() + " (" + registered.id() + ")",
        "ROBERTO_CONTROL_PLANE=" + controlPlaneUrl,
        RuntimeCredential.CLIENT_ID_VARIABLE + "=" + credential.clientId(),
        RuntimeCredential.CLIENT_SECRET_VARIABLE + "=" + credential.clientSecret(),
        "");
  }

  private static FileAttribute<?>[] attributes(String mode) {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode))
    };
  }
}
