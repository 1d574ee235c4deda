package dev.roberto.common.readmodel;

import dev.roberto.common.db.DatabaseRetry;
import dev.roberto.events.AgentChanged;
import dev.roberto.events.EventCodec;
import dev.roberto.events.Topics;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds {@link AgentDirectory} from {@code agent-changed} in services that set the build property
 * {@code roberto.consumes.agent-changed=true} and configure the incoming channel. An unreadable
 * event fails here, and the channel's failure strategy sends it to the dead-letter topic. While the
 * database is unavailable, the event is applied again with back-off and the channel waits.
 */
@ApplicationScoped
@IfBuildProperty(name = "roberto.consumes.agent-changed", stringValue = "true")
public class AgentChangedConsumer {

  private final AgentDirectory agentDirectory;
  private final String consumer;

  public AgentChangedConsumer(
      AgentDirectory agentDirectory,
      @ConfigProperty(name = "quarkus.application.name") String applicationName) {
    this.agentDirectory = agentDirectory;
    this.consumer = applicationName + "." + Topics.AGENT_CHANGED;
  }

  @Incoming(Topics.AGENT_CHANGED)
  public Uni<Void> consume(String payload) {
    AgentChanged event = EventCodec.fromJson(payload, AgentChanged.class);
    return DatabaseRetry.untilAvailable(
            "Applying AgentChanged event " + event.eventId(),
            () -> agentDirectory.apply(consumer, event))
        .replaceWithVoid();
  }
}
