package dev.roberto.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roberto.testsupport.kafka.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Each event type written by a producer and read back by a consumer of the real broker. */
class BrokerRoundTripTest {

  private static final Instant SENT_AT = Instant.parse("2026-12-04T12:00:00Z");

  @Test
  void billingSyncedSurvivesBroker() {
    BillingSynced event =
        new BillingSynced(
            SchemaVersion.CURRENT,
            UUID.randomUUID().toString(),
            "ws-" + UUID.randomUUID(),
            12,
            new Entitlements(true, true, false, true),
            7_500_000,
            "active",
            "team",
            SENT_AT);

    ConsumerRecord<String, byte[]> record = roundTrip(event);

    assertEquals(event, EventCodec.fromJson(record.value(), BillingSynced.class));
    assertEquals(event.workspaceId(), record.key());
    assertCloudEventHeaders(record, event);
  }

  @Test
  void usageRecordedSurvivesBroker() {
    UsageRecorded event =
        new UsageRecorded(
            SchemaVersion.CURRENT,
            UUID.randomUUID().toString(),
            "ws-" + UUID.randomUUID(),
            "agent-1",
            "webhook",
            null,
            "claude-sonnet",
            1000,
            200,
            0,
            null,
            null,
            true,
            SENT_AT,
            Map.of());

    ConsumerRecord<String, byte[]> record = roundTrip(event);

    assertEquals(event, EventCodec.fromJson(record.value(), UsageRecorded.class));
    assertCloudEventHeaders(record, event);
  }

  @Test
  void agentChangedSurvivesBroker() {
    AgentChanged event =
        new AgentChanged(
            SchemaVersion.CURRENT,
            UUID.randomUUID().toString(),
            "agent-" + UUID.randomUUID(),
            "ws-1",
            "rt-1",
            "Support bot",
            AgentChanged.Change.MOVED,
            "running",
            5,
            SENT_AT);

    ConsumerRecord<String, byte[]> record = roundTrip(event);

    assertEquals(event, EventCodec.fromJson(record.value(), AgentChanged.class));
    assertEquals(event.agentId(), record.key());
    assertCloudEventHeaders(record, event);
  }

  private static ConsumerRecord<String, byte[]> roundTrip(RobertoEvent event) {
    String bootstrap = KafkaBroker.shared().bootstrapServers();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(producerProperties(bootstrap))) {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(event.topic(), event.key(), EventCodec.toJson(event));
      CloudEventHeaders.of(event, "/roberto/events-test", SENT_AT)
          .forEach((name, value) -> record.headers().add(name, value));
      producer.send(record).get();
    } catch (Exception e) {
      throw new AssertionError("Sending " + event.eventId() + " failed", e);
    }
    return readBack(bootstrap, event);
  }

  private static ConsumerRecord<String, byte[]> readBack(String bootstrap, RobertoEvent event) {
    List<ConsumerRecord<String, byte[]>> matches = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(consumerProperties(bootstrap))) {
      consumer.subscribe(List.of(event.topic()));
      Instant deadline = Instant.now().plusSeconds(30);
      while (matches.isEmpty() && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (event.eventId().equals(header(record, CloudEventHeaders.ID))) {
            matches.add(record);
          }
        }
      }
    }
    assertEquals(1, matches.size(), "records read back for event " + event.eventId());
    return matches.get(0);
  }

  private static void assertCloudEventHeaders(
      ConsumerRecord<String, byte[]> record, RobertoEvent event) {
    assertEquals("1.0", header(record, CloudEventHeaders.SPEC_VERSION));
    assertEquals(event.type(), header(record, CloudEventHeaders.TYPE));
    assertEquals("/roberto/events-test", header(record, CloudEventHeaders.SOURCE));
    assertEquals(SENT_AT.toString(), header(record, CloudEventHeaders.TIME));
    assertEquals("application/json", header(record, CloudEventHeaders.CONTENT_TYPE));
    assertEquals(
        "urn:roberto:" + event.topic() + ":1", header(record, CloudEventHeaders.DATA_SCHEMA));
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static Properties producerProperties(String bootstrap) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    return properties;
  }

  private static Properties consumerProperties(String bootstrap) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "events-test-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return properties;
  }
}
