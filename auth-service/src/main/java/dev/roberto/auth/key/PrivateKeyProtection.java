package dev.roberto.auth.key;

import dev.roberto.auth.AuthConfig;
import dev.roberto.auth.crypto.Aead;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

/**
 * Encrypts private signing keys at rest under the configured key-encryption key ({@code
 * roberto.auth.keys.encryption-key}). Without one, keys are stored unencrypted and a warning is
 * logged at startup.
 */
@ApplicationScoped
public class PrivateKeyProtection {

  private final Optional<byte[]> keyEncryptionKey;

  public PrivateKeyProtection(AuthConfig config) {
    this.keyEncryptionKey = config.keys().encryptionKey().map(PrivateKeyProtection::decode);
  }

  void warnWhenUnencrypted(@Observes StartupEvent event) {
    if (keyEncryptionKey.isEmpty()) {
      Log.warn(
          "roberto.auth.keys.encryption-key is not set: new private signing keys are stored"
              + " unencrypted in the database");
    }
  }

  boolean encrypts() {
    return keyEncryptionKey.isPresent();
  }

  byte[] protect(String kid, byte[] pkcs8) {
    return keyEncryptionKey.map(key -> Aead.seal(key, pkcs8, kid)).orElse(pkcs8);
  }

  byte[] unprotect(SigningKey key) {
    if (!key.encrypted) {
      return key.privateKey;
    }
    byte[] kek =
        keyEncryptionKey.orElseThrow(
            () ->
                new IllegalStateException(
                    "Signing key "
                        + key.kid
                        + " is encrypted but roberto.auth.keys.encryption-key is not set"));
    try {
      return Aead.open(kek, key.privateKey, key.kid);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "Signing key " + key.kid + " does not decrypt with roberto.auth.keys.encryption-key", e);
    }
  }

  private static byte[] decode(String base64) {
    byte[] key = Base64.getDecoder().decode(base64.strip());
    if (key.length != 32) {
      throw new IllegalArgumentException(
          "roberto.auth.keys.encryption-key must be the base64 of 32 bytes, but has "
              + key.length
              + " bytes");
    }
    return key;
  }
}
