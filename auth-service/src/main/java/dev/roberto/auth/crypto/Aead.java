package dev.roberto.auth.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce stored before the ciphertext. The associated data binds a
 * ciphertext to its row, so one row's value cannot be copied into another.
 */
public final class Aead {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private Aead() {}

  public static byte[] seal(byte[] key, byte[] plaintext, String associatedData) {
    byte[] nonce = Secrets.randomBytes(NONCE_BYTES);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, associatedData);
      byte[] ciphertext = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(NONCE_BYTES + ciphertext.length)
          .put(nonce)
          .put(ciphertext)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /**
   * Decrypts what {@link #seal} returned.
   *
   * @throws GeneralSecurityException when the key or associated data is wrong or the data changed
   */
  public static byte[] open(byte[] key, byte[] sealed, String associatedData)
      throws GeneralSecurityException {
    ByteBuffer buffer = ByteBuffer.wrap(sealed);
    byte[] nonce = new byte[NONCE_BYTES];
    buffer.get(nonce);
    byte[] ciphertext = new byte[buffer.remaining()];
    buffer.get(ciphertext);
    return cipher(Cipher.DECRYPT_MODE, key, nonce, associatedData).doFinal(ciphertext);
  }

  private static Cipher cipher(int mode, byte[] key, byte[] nonce, String associatedData)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
