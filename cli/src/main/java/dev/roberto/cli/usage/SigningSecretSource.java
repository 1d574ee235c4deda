package dev.roberto.cli.usage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Finds the agent's signing secret: the file of {@code --secret-file}, else the environment
 * variable {@code ROBERTO_WEBHOOK_SECRET}. No message names the secret itself.
 */
final class SigningSecretSource {

  static final String ENVIRONMENT_VARIABLE = "ROBERTO_WEBHOOK_SECRET";

  private SigningSecretSource() {}

  /** Returns the secret, or null when neither a file nor the environment variable gives one. */
  static String find(Path secretFile, String environmentValue) {
    if (secretFile != null) {
      return fromFile(secretFile);
    }
    if (environmentValue == null || environmentValue.isBlank()) {
      return null;
    }
    return environmentValue.strip();
  }

  private static String fromFile(Path file) {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("The secret file " + file + " does not exist.");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "The secret file " + file + " cannot be read: " + e.getClass().getSimpleName() + ".");
    }
    String secret = content.strip();
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("The secret file " + file + " is empty.");
    }
    return secret;
  }
}
