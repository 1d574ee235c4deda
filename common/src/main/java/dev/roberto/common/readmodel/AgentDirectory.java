package dev.roberto.common.readmodel;

import dev.roberto.common.inbox.ProcessedEvents;
import dev.roberto.events.AgentChanged;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps the agents that {@code agent-changed} announces. A redelivered event changes nothing, an
 * event older than the held version is ignored, and a deleted agent stays as a tombstone so that a
 * late older event cannot bring it back.
 */
@ApplicationScoped
public class AgentDirectory {

  private final ProcessedEvents processedEvents;

  public AgentDirectory(ProcessedEvents processedEvents) {
    this.processedEvents = processedEvents;
  }

  /** Applies the change in its own transaction and returns true when it replaced the held row. */
  public Uni<Boolean> apply(String consumer, AgentChanged event) {
    return Panache.withTransaction(
        () ->
            processedEvents
                .claim(consumer, event.eventId())
                .chain(first -> first ? replaceIfNewer(event) : Uni.createFrom().item(false)));
  }

  /** Returns the live agent, or null when it is unknown or deleted. */
  public Uni<KnownAgent> findLive(String agentId) {
    return Panache.withSession(() -> KnownAgent.<KnownAgent>findById(agentId))
        .map(agent -> agent == null || agent.deleted ? null : agent);
  }

  private Uni<Boolean> replaceIfNewer(AgentChanged event) {
    return KnownAgent.<KnownAgent>findById(event.agentId())
        .chain(
            held -> {
              if (held != null && held.version >= event.version()) {
                Log.debugf(
                    "Ignored change %d of agent %s: version %d is held",
                    (Object) event.version(), event.agentId(), held.version);
                return Uni.createFrom().item(false);
              }
              KnownAgent row = held != null ? held : new KnownAgent();
              copy(event, row);
              return held != null ? Uni.createFrom().item(true) : row.persist().replaceWith(true);
            });
  }

  private static void copy(AgentChanged event, KnownAgent row) {
    row.agentId = event.agentId();
    row.workspaceId = event.workspaceId();
    row.runtimeId = event.runtimeId();
    row.name = event.name();
    row.state = event.state();
    row.version = event.version();
    row.deleted = event.change() == AgentChanged.Change.DELETED;
    row.changedAt = event.changedAt();
  }
}
