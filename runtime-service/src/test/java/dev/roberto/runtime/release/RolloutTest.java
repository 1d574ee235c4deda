package dev.roberto.runtime.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RolloutTest {

  private static final UUID RELEASE = UUID.fromString("6f3a0c2e-8d1b-4a57-9e64-2b7c1d0f5a93");

  @Test
  void bucketIsStablePerRuntime() {
    UUID runtime = UUID.fromString("0b9e4c71-2f5d-4e38-a1c6-7d2e9f3b8a10");

    int first = Rollout.bucket(RELEASE, runtime);

    assertEquals(first, Rollout.bucket(RELEASE, runtime));
    assertEquals(first, Rollout.bucket(UUID.fromString(RELEASE.toString()), runtime));
    assertTrue(first >= 0, "bucket " + first);
    assertTrue(first < 100, "bucket " + first);
  }

  @Test
  void raisingPercentOnlyAddsRuntimes() {
    List<UUID> runtimes = runtimes(500);
    for (int percent = 0; percent < 100; percent += 10) {
      for (UUID runtime : runtimes) {
        if (Rollout.includes(RELEASE, percent, runtime)) {
          assertTrue(Rollout.includes(RELEASE, percent + 10, runtime));
        }
      }
    }
  }

  @Test
  void percentBoundsIncludeNoneAndAll() {
    for (UUID runtime : runtimes(200)) {
      assertFalse(Rollout.includes(RELEASE, 0, runtime));
      assertTrue(Rollout.includes(RELEASE, 100, runtime));
    }
  }

  @Test
  void halfRolloutReachesRoughlyHalf() {
    List<UUID> runtimes = runtimes(2000);

    long included = runtimes.stream().filter(id -> Rollout.includes(RELEASE, 50, id)).count();

    // SHA-256 buckets are near uniform: 2000 draws at p = 0.5 stay within 45 % to 55 % except
    // with a probability far below one in a million.
    assertTrue(included > 900, included + " of 2000");
    assertTrue(included < 1100, included + " of 2000");
  }

  private static List<UUID> runtimes(int count) {
    List<UUID> runtimes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      runtimes.add(UUID.nameUUIDFromBytes(("runtime-" + i).getBytes()));
    }
    return runtimes;
  }
}
