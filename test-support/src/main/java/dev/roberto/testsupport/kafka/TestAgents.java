package dev.roberto.testsupport.kafka;

import static org.awaitility.Awaitility.await;

import dev.roberto.events.AgentChanged.Change;
import dev.roberto.testsupport.TestDatabase;
import java.time.Duration;
import java.util.UUID;

/**
 * Agents created the way runtime-service announces them, through {@code agent-changed}, for
 * services that keep the agent read model.
 */
public final class TestAgents {

  public static final Duration PATIENCE = Duration.ofSeconds(30);

  private TestAgents() {}

  /** Publishes a new agent of the workspace and waits until the service has stored it. */
  public static String create(String workspaceId) {
    String agentId = "agent-" + UUID.randomUUID();
    TestEvents.publish(TestEvents.agentChanged(agentId, workspaceId, Change.CREATED, 1));
    awaitVersion(agentId, 1);
    return agentId;
  }

  /** Publishes the agent's deletion and waits until the service has stored it. */
  public static void delete(String agentId, String workspaceId) {
    TestEvents.publish(TestEvents.agentChanged(agentId, workspaceId, Change.DELETED, 2));
    awaitVersion(agentId, 2);
  }

  private static void awaitVersion(String agentId, long version) {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                TestDatabase.count(
                        "SELECT count(*) FROM known_agent WHERE agent_id = ? AND version = ?",
                        agentId,
                        version)
                    == 1);
  }
}
