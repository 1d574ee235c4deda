package dev.roberto.billing.agent;

import dev.roberto.common.readmodel.AgentDirectory;
import dev.roberto.events.AgentChanged;
import dev.roberto.events.EventCodec;
import dev.roberto.events.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the agents that runtime-service announces. An unreadable event fails here and goes to the
 * dead-letter topic.
 */
@ApplicationScoped
public class AgentChangedConsumer {

  static final String CONSUMER = "billing-service.agent-changed";

  private final AgentDirectory agentDirectory;

  public AgentChangedConsumer(AgentDirectory agentDirectory) {
    this.agentDirectory = agentDirectory;
  }

  @Incoming(Topics.AGENT_CHANGED)
  public Uni<Void> consume(String payload) {
    AgentChanged event = EventCodec.fromJson(payload, AgentChanged.class);
    return agentDirectory.apply(CONSUMER, event).replaceWithVoid();
  }
}
