package dev.roberto.webhook;

import dev.roberto.events.Topics;
import dev.roberto.testsupport.kafka.KafkaBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code usage-recorded} on the real broker and counts the records of each event id. */
final class UsageEvents {

  private UsageEvents() {}

  /**
   * Reads the topic from the beginning until every event id was seen or the timeout passed, then on
   * to the end of the topic, and returns how many records carry each of the ids.
   */
  static Map<String, Integer> count(Set<String> eventIds, Duration timeout) {
    Map<String, Integer> counts = new HashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties())) {
      consumer.subscribe(List.of(Topics.USAGE_RECORDED));
      Instant deadline = Instant.now().plus(timeout);
      while (!counts.keySet().containsAll(eventIds) && Instant.now().isBefore(deadline)) {
        poll(consumer, eventIds, counts);
      }
      Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
      while (!reached(consumer, end) && Instant.now().isBefore(deadline)) {
        poll(consumer, eventIds, counts);
      }
    }
    return counts;
  }

  /** Returns the first record of the event id, or null when none arrives within the timeout. */
  static ConsumerRecord<String, String> await(String eventId, Duration timeout) {
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties())) {
      consumer.subscribe(List.of(Topics.USAGE_RECORDED));
      Instant deadline = Instant.now().plus(timeout);
      while (Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value().contains("\"eventId\":\"" + eventId + "\"")) {
            return record;
          }
        }
      }
    }
    return null;
  }

  private static void poll(
      KafkaConsumer<String, String> consumer, Set<String> eventIds, Map<String, Integer> counts) {
    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
      for (String eventId : eventIds) {
        if (record.value().contains("\"eventId\":\"" + eventId + "\"")) {
          counts.merge(eventId, 1, Integer::sum);
        }
      }
    }
  }

  private static boolean reached(
      KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
      if (consumer.position(partition.getKey()) < partition.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static Properties properties() {
    Properties properties = new Properties();
    properties.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return properties;
  }
}
