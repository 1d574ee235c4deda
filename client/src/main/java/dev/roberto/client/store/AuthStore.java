package dev.roberto.client.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The local auth store: one {@link StoredLogin} per control plane URL in {@code auth.json} of the
 * user's config folder. The folder is 0700 and the file 0600 on POSIX file systems. Every change
 * writes a temporary file in the same folder and renames it over the old one, so a reader sees
 * either the old or the new file. Changes run under an exclusive lock on {@code auth.lock}, held
 * across processes with a {@link FileLock} and across threads of one JVM with a {@link
 * ReentrantLock}.
 */
public final class AuthStore {

  private static final Set<PosixFilePermission> FOLDER_MODE =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-------");
  private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path folder;
  private final ObjectMapper json =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .enable(SerializationFeature.INDENT_OUTPUT);

  public AuthStore(Path folder) {
    this.folder = folder.toAbsolutePath().normalize();
  }

  /** The store in {@code $XDG_CONFIG_HOME/roberto}, or {@code ~/.config/roberto} without it. */
  public static AuthStore inConfigFolder() {
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path base =
        xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".config");
    return new AuthStore(base.resolve("roberto"));
  }

  public Path folder() {
    return folder;
  }

  public Path file() {
    return folder.resolve("auth.json");
  }

  /**
   * Returns the URL in the form the store keys it by: lower-case scheme and host, no trailing
   * slash, no query or fragment.
   */
  public static String normalize(String controlPlaneUrl) {
    URI uri = URI.create(controlPlaneUrl.trim());
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "The control plane URL " + controlPlaneUrl + " is not an absolute http(s) URL");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "The control plane URL " + controlPlaneUrl + " must start with http:// or https://");
    }
    String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port + path;
  }

  /** Returns the login stored for the control plane, if any. */
  public Optional<StoredLogin> find(String controlPlaneUrl) {
    return Optional.ofNullable(read().logins().get(normalize(controlPlaneUrl)));
  }

  /** Stores the login under its control plane URL, replacing that entry only. */
  public void save(StoredLogin login) {
    withLock(
        () -> {
          StoreFile current = read();
          Map<String, StoredLogin> logins = new TreeMap<>(current.logins());
          logins.put(normalize(login.controlPlaneUrl()), login);
          write(new StoreFile(StoreFile.VERSION, logins));
          return null;
        });
  }

  /** Removes the control plane's entry; returns whether there was one. */
  public boolean remove(String controlPlaneUrl) {
    return withLock(
        () -> {
          StoreFile current = read();
          Map<String, StoredLogin> logins = new TreeMap<>(current.logins());
          boolean removed = logins.remove(normalize(controlPlaneUrl)) != null;
          if (removed) {
            write(new StoreFile(StoreFile.VERSION, logins));
          }
          return removed;
        });
  }

  /**
   * Runs the action while this process holds the store's lock, so read, refresh and write happen as
   * one step with respect to other processes that use the same store. Reentrant within a thread.
   */
  public <T> T withLock(Supplier<T> action) {
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(folder, path -> new ReentrantLock());
    jvmLock.lock();
    try {
      if (jvmLock.getHoldCount() > 1) {
        return action.get();
      }
      ensureFolder();
      try (FileChannel channel =
              FileChannel.open(
                  folder.resolve("auth.lock"),
                  Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                  fileAttributes(FILE_MODE));
          FileLock lock = channel.lock()) {
        return action.get();
      } catch (IOException e) {
        throw new UncheckedIOException("Locking the auth store in " + folder + " failed", e);
      }
    } finally {
      jvmLock.unlock();
    }
  }

  private StoreFile read() {
    Path file = file();
    if (!Files.exists(file)) {
      return new StoreFile(StoreFile.VERSION, Map.of());
    }
    try {
      StoreFile stored = json.readValue(file.toFile(), StoreFile.class);
      return stored.logins() == null ? new StoreFile(StoreFile.VERSION, Map.of()) : stored;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "The auth store " + file + " cannot be read; remove it and log in again", e);
    }
  }

  private void write(StoreFile content) {
    try {
      ensureFolder();
      Path temporary = Files.createTempFile(folder, "auth-", ".tmp", fileAttributes(FILE_MODE));
      try {
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
          channel.write(ByteBuffer.wrap(json.writeValueAsBytes(content)));
          channel.force(true);
        }
        Files.move(
            temporary, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Writing the auth store " + file() + " failed", e);
    }
  }

  private void ensureFolder() {
    try {
      if (!Files.isDirectory(folder)) {
        Files.createDirectories(folder, fileAttributes(FOLDER_MODE));
      }
      if (posix()) {
        Files.setPosixFilePermissions(folder, FOLDER_MODE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Creating the config folder " + folder + " failed", e);
    }
  }

  private static FileAttribute<?>[] fileAttributes(Set<PosixFilePermission> mode) {
    if (!posix()) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)};
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /** The JSON document of {@code auth.json}. */
  record StoreFile(int version, Map<String, StoredLogin> logins) {
    static final int VERSION = 1;
  }
}
