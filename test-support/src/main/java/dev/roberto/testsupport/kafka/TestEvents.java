package dev.roberto.testsupport.kafka;

import dev.roberto.events.AgentChanged;
import dev.roberto.events.BillingSynced;
import dev.roberto.events.CloudEventHeaders;
import dev.roberto.events.Entitlements;
import dev.roberto.events.EventCodec;
import dev.roberto.events.RobertoEvent;
import dev.roberto.events.SchemaVersion;
import dev.roberto.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Builds Roberto events for tests and publishes them to the shared test broker. */
public final class TestEvents {

  private TestEvents() {}

  /** Publishes the event as a producing service would: JSON value, key, CloudEvents headers. */
  public static void publish(RobertoEvent event) {
    TestTopics.send(
        event.topic(),
        event.key(),
        EventCodec.toJsonString(event),
        CloudEventHeaders.of(event, "/roberto/test", Instant.now()));
  }

  /** Publishes a payload of schema major 2, which no consumer reads, and returns its event id. */
  public static String publishUnknownMajor(String topic) {
    String eventId = UUID.randomUUID().toString();
    String payload = "{\"schemaVersion\":\"2.0\",\"eventId\":\"" + eventId + "\"}";
    TestTopics.send(topic, "key-" + eventId, payload, Map.of());
    return eventId;
  }

  /** Reads the topic's dead-letter topic until a record carrying the event id arrives. */
  public static List<ConsumerRecord<String, String>> awaitDeadLetters(
      String topic, String eventId, Duration timeout) {
    return TestTopics.await(
        Topics.deadLetter(topic), record -> record.value().contains(eventId), timeout);
  }

  public static BillingSynced billingSynced(
      String workspaceId, long version, Entitlements entitlements, long creditBalanceMicros) {
    return new BillingSynced(
        SchemaVersion.CURRENT,
        UUID.randomUUID().toString(),
        workspaceId,
        version,
        entitlements,
        creditBalanceMicros,
        "none",
        "starter",
        Instant.now());
  }

  public static AgentChanged agentChanged(
      String agentId, String workspaceId, AgentChanged.Change change, long version) {
    return new AgentChanged(
        SchemaVersion.CURRENT,
        UUID.randomUUID().toString(),
        agentId,
        workspaceId,
        "runtime-1",
        "agent " + agentId,
        change,
        change == AgentChanged.Change.DELETED ? "deleted" : "provisioned",
        version,
        Instant.now());
  }
}
