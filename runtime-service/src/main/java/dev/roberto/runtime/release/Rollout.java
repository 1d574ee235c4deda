package dev.roberto.runtime.release;

import dev.roberto.common.hash.Sha256;
import java.nio.ByteBuffer;
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
    byte[] digest = Sha256.of(releaseId + "/" + runtimeId);
    long value = ByteBuffer.wrap(digest, 0, Long.BYTES).getLong() >>> 1;
    return (int) (value % 100);
  }

  /** Returns whether a rollout to {@code percent} of runtimes includes the runtime. */
  public static boolean includes(UUID releaseId, int percent, UUID runtimeId) {
    return bucket(releaseId, runtimeId) < percent;
  }
}
