package dev.roberto.webhook.signature;

import dev.roberto.webhook.config.WebhookConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts signing secrets at rest with AES-256-GCM under the configured key. The secret id is the
 * associated data, so a ciphertext copied onto another row does not decrypt.
 */
@ApplicationScoped
@Startup
public class SecretCipher {

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int KEY_BYTES = 32;

  /** One decrypting Cipher per thread; each decryption initializes it again with its own nonce. */
  private static final ThreadLocal<Cipher> DECRYPTING =
      ThreadLocal.withInitial(SecretCipher::newCipher);

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  public SecretCipher(WebhookConfig config) {
    String encoded =
        config
            .signingSecrets()
            .encryptionKey()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "roberto.webhook.signing-secrets.encryption-key is missing: set it"
                            + " (or ROBERTO_WEBHOOK_SIGNING_SECRETS_ENCRYPTION_KEY) to the base64"
                            + " of a random 32-byte key, for example from `openssl rand -base64"
                            + " 32`."));
    this.key = new SecretKeySpec(decodeKey(encoded), "AES");
  }

  /** Encrypts the secret and returns the nonce followed by the ciphertext and tag. */
  public byte[] encrypt(String secretId, String secret) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(secretId.getBytes(StandardCharsets.UTF_8));
      byte[] ciphertext = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(nonce.length + ciphertext.length)
          .put(nonce)
          .put(ciphertext)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Encrypting a signing secret failed", e);
    }
  }

  /** Decrypts what {@link #encrypt} returned for the same secret id. */
  public String decrypt(String secretId, byte[] stored) {
    try {
      Cipher cipher = DECRYPTING.get();
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
      cipher.updateAAD(secretId.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "Decrypting signing secret " + secretId + " failed: was the encryption key changed?", e);
    }
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance(TRANSFORMATION);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(TRANSFORMATION + " is not available", e);
    }
  }

  private static byte[] decodeKey(String encoded) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(encoded.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "roberto.webhook.signing-secrets.encryption-key is not valid base64", e);
    }
    if (bytes.length != KEY_BYTES) {
      throw new IllegalStateException(
          "roberto.webhook.signing-secrets.encryption-key must decode to 32 bytes, not "
              + bytes.length);
    }
    return bytes;
  }
}
