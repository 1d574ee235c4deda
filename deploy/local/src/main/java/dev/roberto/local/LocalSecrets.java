package dev.roberto.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

/**
 * Keys that the services need to encrypt data at rest or to sign URLs, generated once per state
 * folder and kept in {@code secrets.properties} (mode 0600), so the data and URLs of one run stay
 * valid in the next. They reach the services through the environment, never the command line.
 */
final class LocalSecrets {

  /** The environment variable of each key, by the service that reads it. */
  private static final Map<String, String> VARIABLES =
      Map.of(
          "auth", "ROBERTO_AUTH_KEYS_ENCRYPTION_KEY",
          "runtime", "ROBERTO_UPDATES_SCRIPT_URL_SIGNING_KEY",
          "webhook", "ROBERTO_WEBHOOK_SIGNING_SECRETS_ENCRYPTION_KEY");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Properties values;

  private LocalSecrets(Properties values) {
    this.values = values;
  }

  /** Loads the keys from the state folder, generating and saving any that are missing. */
  static LocalSecrets loadOrCreate(Path stateRoot) {
    Path file = stateRoot.resolve("secrets.properties");
    Properties values = new Properties();
    try {
      Files.createDirectories(stateRoot);
      if (Files.exists(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          values.load(in);
        }
      }
      boolean added = false;
      for (String variable : VARIABLES.values()) {
        if (!values.containsKey(variable)) {
          values.setProperty(variable, randomKey());
          added = true;
        }
      }
      if (added) {
        save(values, file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Reading or writing " + file + " failed", e);
    }
    return new LocalSecrets(values);
  }

  /** Returns the key a service reads from its environment, if it reads one. */
  Map<String, String> environmentOf(String serviceShortName) {
    String variable = VARIABLES.get(serviceShortName);
    return variable == null ? Map.of() : Map.of(variable, values.getProperty(variable));
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private static void save(Properties values, Path file) throws IOException {
    Path temporary = Files.createTempFile(file.getParent(), "secrets", ".tmp");
    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
    try (OutputStream out = Files.newOutputStream(temporary)) {
      values.store(out, "Encryption keys of the local stack's data; keep with the data folder");
    }
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
