package dev.roberto.runtime.agent;

import dev.roberto.common.outbox.Outbox;
import dev.roberto.events.AgentChanged;
import dev.roberto.events.SchemaVersion;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Announces agent changes as {@code agent-changed} through the transactional outbox. */
@ApplicationScoped
public class AgentEvents {

  private final Outbox outbox;

  public AgentEvents(Outbox outbox) {
    this.outbox = outbox;
  }

  /** Adds the event for the agent as it is now to the current transaction. */
  public Uni<Void> changed(Agent agent, AgentChanged.Change change) {
    return outbox.append(eventOf(agent, change)).replaceWithVoid();
  }

  static AgentChanged eventOf(Agent agent, AgentChanged.Change change) {
    return new AgentChanged(
        SchemaVersion.CURRENT,
        UUID.randomUUID().toString(),
        agent.id.toString(),
        agent.workspaceId.toString(),
        agent.runtimeId.toString(),
        agent.name,
        change,
        agent.state.wireName(),
        agent.version,
        agent.changedAt);
  }
}
