package dev.roberto.bench;

import dev.roberto.events.AgentChanged;
import dev.roberto.events.CloudEventHeaders;
import dev.roberto.events.EventCodec;
import dev.roberto.testsupport.kafka.TestEvents;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Creates the benchmark's agent by publishing its {@code agent-changed} event, the event that
 * runtime-service publishes for a new agent. gateway-service, webhook-service and billing-service
 * learn about agents only from that event.
 */
// NOTE: a stand-in for runtime-service's POST /api/agents, which is not built yet. Replace this
// step with that call once it exists, so the benchmark creates agents as users do.
final class AgentAnnouncement {

  private AgentAnnouncement() {}

  /** Publishes a new agent of the workspace and returns its id. */
  static String announce(String bootstrapServers, String workspaceId) {
    String agentId = "agent-bench-" + UUID.randomUUID();
    AgentChanged event =
        TestEvents.agentChanged(agentId, workspaceId, AgentChanged.Change.CREATED, 1);
    ProducerRecord<String, String> record =
        new ProducerRecord<>(event.topic(), event.key(), EventCodec.toJsonString(event));
    CloudEventHeaders.of(event, "/roberto/bench", Instant.now()).forEach(record.headers()::add);

    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(properties(bootstrapServers))) {
      producer.send(record).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Publishing agent-changed to " + bootstrapServers + " failed: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while publishing agent-changed", e);
    }
    return agentId;
  }

  private static Properties properties(String bootstrapServers) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    return properties;
  }
}
