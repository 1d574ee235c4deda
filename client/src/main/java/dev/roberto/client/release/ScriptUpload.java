package dev.roberto.client.release;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A script of a release to publish: its body in base64 with the size in bytes and the hex SHA-256
 * that runtime-service checks the body against.
 */
public record ScriptUpload(String name, String sha256, long size, String content) {

  /** Returns the upload of {@code body}, with its size and SHA-256 computed here. */
  public static ScriptUpload of(String name, byte[] body) {
    return new ScriptUpload(
        name, sha256Hex(body), body.length, Base64.getEncoder().encodeToString(body));
  }

  /** Returns the lower-case hex SHA-256 of the bytes, as {@code sha256sum} prints it. */
  public static String sha256Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-256", e);
    }
  }

  /** Leaves the content out, so a log line never carries a whole script. */
  @Override
  public String toString() {
    return "ScriptUpload[name=" + name + ", sha256=" + sha256 + ", size=" + size + "]";
  }
}
