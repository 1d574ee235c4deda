package dev.roberto.runtime.update;

import dev.roberto.common.outbox.WhileRunning;
import dev.roberto.runtime.config.UpdatesConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Deletes decisions, with their items, once they expired longer ago than {@code
 * roberto.updates.decision-retention}. Update state and grants stay.
 */
@ApplicationScoped
public class DecisionPurge {

  private final UpdatesConfig config;

  public DecisionPurge(UpdatesConfig config) {
    this.config = config;
  }

  @Scheduled(
      identity = "update-decision-purge",
      every = "1h",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = WhileRunning.class)
  Uni<Void> purgeExpired() {
    Instant cutoff = Instant.now().minus(config.decisionRetention());
    return Panache.withTransaction(() -> UpdateDecision.delete("expiresAt < ?1", cutoff))
        .invoke(count -> Log.debugf("Purged %d expired update decisions", count))
        .replaceWithVoid();
  }
}
