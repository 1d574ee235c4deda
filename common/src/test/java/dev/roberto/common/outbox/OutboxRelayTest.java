package dev.roberto.common.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.roberto.events.AgentChanged;
import dev.roberto.events.CloudEventHeaders;
import dev.roberto.events.EventCodec;
import dev.roberto.events.SchemaVersion;
import dev.roberto.events.Topics;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.kafka.TestTopics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxRelayTest {

  @Inject Outbox outbox;

  @Test
  void committedEventReachesBrokerWithCloudEventHeaders() throws Throwable {
    AgentChanged event = agentCreated();

    VertxContextSupport.subscribeAndAwait(
        () -> Panache.withTransaction(() -> outbox.append(event)));

    List<ConsumerRecord<String, String>> records =
        TestTopics.await(
            Topics.AGENT_CHANGED,
            record -> header(record, CloudEventHeaders.ID).equals(event.eventId()),
            Duration.ofSeconds(20));
    assertEquals(1, records.size());
    ConsumerRecord<String, String> record = records.get(0);
    assertEquals(event.agentId(), record.key());
    assertEquals(AgentChanged.TYPE, header(record, CloudEventHeaders.TYPE));
    assertEquals("/roberto/common-test", header(record, CloudEventHeaders.SOURCE));
    assertEquals("1.0", header(record, CloudEventHeaders.SPEC_VERSION));
    assertEquals(event, EventCodec.fromJson(record.value(), AgentChanged.class));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                TestDatabase.count(
                        "SELECT count(*) FROM outbox_message"
                            + " WHERE event_id = ? AND published_at IS NOT NULL",
                        event.eventId())
                    == 1);
  }

  @Test
  void rolledBackEventIsNeverSent() throws Throwable {
    AgentChanged event = agentCreated();

    try {
      VertxContextSupport.subscribeAndAwait(
          () ->
              Panache.withTransaction(
                  () ->
                      outbox
                          .append(event)
                          .chain(() -> Panache.getSession())
                          .invoke(
                              session -> {
                                throw new IllegalStateException("state change failed");
                              })));
    } catch (IllegalStateException expected) {
      // The transaction rolled back with the state change.
    }

    assertEquals(
        0L,
        TestDatabase.count(
            "SELECT count(*) FROM outbox_message WHERE event_id = ?", event.eventId()));
    assertFalse(
        !TestTopics.await(
                Topics.AGENT_CHANGED,
                record -> header(record, CloudEventHeaders.ID).equals(event.eventId()),
                Duration.ofSeconds(2))
            .isEmpty(),
        "a rolled-back event reached the broker");
  }

  /** Returns a new agent-changed event with fresh ids, for tests that store it in the outbox. */
  static AgentChanged agentCreated() {
    return new AgentChanged(
        SchemaVersion.CURRENT,
        UUID.randomUUID().toString(),
        "agent-" + UUID.randomUUID(),
        "ws-1",
        "rt-1",
        "Helper",
        AgentChanged.Change.CREATED,
        "provisioned",
        1,
        Instant.parse("2026-12-04T10:00:00Z"));
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
  }
}
