package dev.roberto.billing.usage;

import dev.roberto.events.CloudEventHeaders;
import dev.roberto.events.EventCodec;
import dev.roberto.events.SchemaVersion;
import dev.roberto.events.Topics;
import dev.roberto.events.UsageRecorded;
import dev.roberto.testsupport.kafka.KafkaBroker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Builds usage events and publishes them to the test broker as gateway or webhook would. */
public final class UsageEvents {

  private UsageEvents() {}

  public static UsageRecorded usage(String workspaceId, String agentId, long costMicros) {
    return new UsageRecorded(
        SchemaVersion.CURRENT,
        UUID.randomUUID().toString(),
        workspaceId,
        agentId,
        "gateway",
        "openai",
        "gpt-test",
        100,
        20,
        0,
        costMicros,
        12L,
        false,
        Instant.now(),
        Map.of());
  }

  /** Publishes every event from several threads at once through one producer. */
  public static void publishConcurrently(List<UsageRecorded> events, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties())) {
      List<Future<?>> sent =
          events.stream()
              .<Future<?>>map(event -> pool.submit(() -> send(producer, event)))
              .toList();
      for (Future<?> future : sent) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Publishes the payloads under one key without waiting between sends, so they share a partition
   * and usually reach the consumer in one poll.
   */
  public static void publishTogether(String key, List<String> payloads) throws Exception {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties())) {
      List<Future<?>> sent = new ArrayList<>();
      for (String payload : payloads) {
        sent.add(producer.send(new ProducerRecord<>(Topics.USAGE_RECORDED, key, payload)));
      }
      for (Future<?> future : sent) {
        future.get();
      }
    }
  }

  private static Properties producerProperties() {
    Properties properties = new Properties();
    properties.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "50");
    return properties;
  }

  private static Object send(KafkaProducer<String, String> producer, UsageRecorded event)
      throws Exception {
    ProducerRecord<String, String> record =
        new ProducerRecord<>(event.topic(), event.key(), EventCodec.toJsonString(event));
    CloudEventHeaders.of(event, "/roberto/test", Instant.now())
        .forEach((name, bytes) -> record.headers().add(name, bytes));
    return producer.send(record).get();
  }
}
