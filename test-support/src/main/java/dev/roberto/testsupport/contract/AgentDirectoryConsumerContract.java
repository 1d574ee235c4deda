package dev.roberto.testsupport.contract;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.roberto.events.AgentChanged;
import dev.roberto.events.AgentChanged.Change;
import dev.roberto.events.Topics;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.kafka.TestEvents;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * For services that must know agents: an {@code agent-changed} event sent through the real broker
 * lands in the service's own database, and a deletion is not undone by an older event.
 */
public abstract class AgentDirectoryConsumerContract {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Test
  void createdAgentIsStored() {
    String agentId = "agent-" + UUID.randomUUID();

    TestEvents.publish(TestEvents.agentChanged(agentId, "ws-7", Change.CREATED, 1));

    await().atMost(PATIENCE).until(() -> storedVersion(agentId) == 1);
    Map<String, Object> row =
        TestDatabase.rows("SELECT * FROM known_agent WHERE agent_id = ?", agentId).get(0);
    assertEquals("ws-7", row.get("workspace_id"));
    assertEquals(false, row.get("deleted"));
  }

  @Test
  void olderEventDoesNotUndoDeletion() {
    String agentId = "agent-" + UUID.randomUUID();
    TestEvents.publish(TestEvents.agentChanged(agentId, "ws-7", Change.CREATED, 1));
    TestEvents.publish(TestEvents.agentChanged(agentId, "ws-7", Change.DELETED, 3));
    await().atMost(PATIENCE).until(() -> storedVersion(agentId) == 3);

    AgentChanged older = TestEvents.agentChanged(agentId, "ws-7", Change.RENAMED, 2);
    TestEvents.publish(older);

    await().atMost(PATIENCE).until(() -> wasProcessed(older.eventId()));
    assertEquals(
        1L,
        TestDatabase.count(
            "SELECT count(*) FROM known_agent WHERE agent_id = ? AND deleted", agentId));
    assertEquals(3L, storedVersion(agentId));
  }

  @Test
  void unknownMajorVersionGoesToDeadLetter() {
    String eventId = TestEvents.publishUnknownMajor(Topics.AGENT_CHANGED);

    // The dead-letter producer delivers at least once, so a retried send may store a second copy.
    assertFalse(
        TestEvents.awaitDeadLetters(Topics.AGENT_CHANGED, eventId, PATIENCE).isEmpty(),
        "no dead letter carries " + eventId);
  }

  private static boolean wasProcessed(String eventId) {
    return TestDatabase.count("SELECT count(*) FROM processed_event WHERE event_id = ?", eventId)
        == 1;
  }

  private static long storedVersion(String agentId) {
    return TestDatabase.count(
        "SELECT coalesce(max(version), -1) FROM known_agent WHERE agent_id = ?", agentId);
  }
}
