package dev.roberto.runtime.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roberto.events.AgentChanged;
import dev.roberto.events.AgentChanged.Change;
import dev.roberto.events.EventCodec;
import dev.roberto.events.Topics;
import dev.roberto.runtime.TestBilling;
import dev.roberto.runtime.TestRuntimes;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.auth.TestUsers;
import dev.roberto.testsupport.kafka.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Every agent change reaches the real broker as {@code agent-changed}, with a growing version. */
@QuarkusTest
class AgentEventsTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Test
  void lifecyclePublishesEachChangeOnce() {
    TestBilling.allowAll(TestUsers.workspaceId());
    String runtimeId = TestRuntimes.registerId();
    String name = "agent-" + TestRuntimes.shortId();
    String agentId =
        TestAgentsApi.provision("owner", name, runtimeId, null)
            .statusCode(201)
            .extract()
            .path("id");

    TestAgentsApi.start("owner", agentId).statusCode(200);
    TestAgentsApi.start("owner", agentId).statusCode(200);
    TestAgentsApi.delete("owner", agentId).statusCode(409);
    TestAgentsApi.stop("owner", agentId).statusCode(200);
    TestAgentsApi.delete("owner", agentId).statusCode(204);

    assertEquals(
        4,
        TestDatabase.count("SELECT count(*) FROM outbox_message WHERE message_key = ?", agentId),
        "outbox rows of the agent: the idempotent start and the refused delete add none");
    expect(agentId, 1, Change.CREATED, "stopped", runtimeId, name);
    expect(agentId, 2, Change.STATE_CHANGED, "running", runtimeId, name);
    expect(agentId, 3, Change.STATE_CHANGED, "stopped", runtimeId, name);
    expect(agentId, 4, Change.DELETED, "deleted", runtimeId, name);
  }

  private static void expect(
      String agentId, long version, Change change, String state, String runtimeId, String name) {
    List<ConsumerRecord<String, String>> records =
        TestTopics.await(
            Topics.AGENT_CHANGED,
            record ->
                agentId.equals(record.key())
                    && EventCodec.fromJson(record.value(), AgentChanged.class).version() == version,
            PATIENCE);
    assertEquals(1, records.size(), "agent-changed records of version " + version);

    ConsumerRecord<String, String> record = records.get(0);
    AgentChanged event = EventCodec.fromJson(record.value(), AgentChanged.class);
    assertEquals(change, event.change(), "change of version " + version);
    assertEquals(state, event.state(), "state of version " + version);
    assertEquals(TestUsers.workspaceId(), event.workspaceId());
    assertEquals(runtimeId, event.runtimeId());
    assertEquals(name, event.name());
    assertEquals(UUID.fromString(event.eventId()).toString(), event.eventId());
    assertEquals(
        AgentChanged.TYPE,
        new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8));
  }
}
