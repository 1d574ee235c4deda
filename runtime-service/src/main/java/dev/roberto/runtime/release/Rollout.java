package dev.roberto.runtime.release;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Chooses which runtimes a partial rollout reaches. Each runtime gets a bucket from 0 to 99 per
 * release, from the SHA-256 of the release and runtime ids, so the choice never changes between
 * checks, and raising the percentage only adds runtimes. Different releases pick different runtimes
 * first.
 */
public final class Rollout {

  private Rollout() {}

  /** Returns the runtime's bucket for the release, from 0 to 99. */
  public static int bucket(UUID releaseId, UUID runtimeId) {
    byte[] digest = sha256(releaseId + "/" + runtimeId);
    long value = ByteBuffer.wrap(digest, 0, Long.BYTES).getLong() >>> 1;
    return (int) (value % 100);
  }

  /** Returns whether a rollout to {@code percent} of runtimes includes the runtime. */
  public static boolean includes(UUID releaseId, int percent, UUID runtimeId) {
    return bucket(releaseId, runtimeId) < percent;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-256", e);
    }
  }
}
