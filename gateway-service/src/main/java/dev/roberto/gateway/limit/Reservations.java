package dev.roberto.gateway.limit;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/**
 * Credits this replica has set aside for calls in flight, per workspace. A call reserves the
 * largest cost it can reach before the provider is called and releases it once its real cost is
 * recorded, so a burst cannot spend past the last known balance by more than other replicas hold.
 */
@ApplicationScoped
public class Reservations {

  private final Map<String, Long> reserved = new HashMap<>();

  /**
   * Reserves the amount when the available credits (balance minus what is already reserved) cover
   * it; returns false, reserving nothing, when they do not.
   */
  public synchronized boolean reserve(String workspaceId, long available, long amount) {
    long held = reserved.getOrDefault(workspaceId, 0L);
    if (amount > 0 && held + amount > available) {
      return false;
    }
    reserved.put(workspaceId, held + amount);
    return true;
  }

  public synchronized void release(String workspaceId, long amount) {
    reserved.computeIfPresent(workspaceId, (id, held) -> held - amount <= 0 ? null : held - amount);
  }
}
