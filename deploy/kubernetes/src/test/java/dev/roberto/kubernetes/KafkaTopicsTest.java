package dev.roberto.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The Strimzi Kafka cluster in KRaft mode and a KafkaTopic for every topic the services use. */
class KafkaTopicsTest {

  private static final List<String> EVENT_TOPICS =
      List.of(Topics.BILLING_SYNCED, Topics.AGENT_CHANGED, Topics.USAGE_RECORDED);

  private final Manifests base = Manifests.load(Manifests.BASE);

  @Test
  void bootstrapServersNamePlainListener() {
    String bootstrap =
        base.generatedConfigMap("roberto-control-plane").get("KAFKA_BOOTSTRAP_SERVERS");
    Resource kafka = base.ofKind("Kafka").get(0);
    String port = bootstrap.substring(bootstrap.lastIndexOf(':') + 1);

    assertEquals(kafka.name() + "-kafka-bootstrap:" + port, bootstrap);
    Node listener =
        kafka.spec().get("kafka").get("listeners").items().stream()
            .filter(candidate -> port.equals(candidate.get("port").text()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Kafka listener on port " + port));
    assertEquals("internal", listener.get("type").text(), listener.path());
    assertEquals("false", listener.get("tls").text(), listener.path() + ": services speak plain");
  }

  @Test
  void nodePoolRunsKraftRoles() {
    Resource kafka = base.ofKind("Kafka").get(0);
    List<Resource> pools = base.ofKind("KafkaNodePool");

    assertFalse(pools.isEmpty(), "KRaft needs a KafkaNodePool");
    for (Resource pool : pools) {
      Map<String, String> labels = pool.body().get("metadata").get("labels").texts();
      assertEquals(kafka.name(), labels.get("strimzi.io/cluster"), pool.toString());
    }
    List<String> roles =
        pools.stream()
            .flatMap(pool -> pool.spec().get("roles").items().stream())
            .map(Node::text)
            .toList();
    assertTrue(roles.contains("controller"), "no node pool has the controller role");
    assertTrue(roles.contains("broker"), "no node pool has the broker role");
  }

  @Test
  void eventTopicsAndDeadLettersExist() {
    for (String topic : EVENT_TOPICS) {
      assertTrue(topic(topic).isPresent(), "no KafkaTopic " + topic);
      assertTrue(topic(Topics.deadLetter(topic)).isPresent(), "no KafkaTopic for its dead letters");
    }
  }

  @Test
  void snapshotTopicsAreCompacted() {
    assertEquals("compact", cleanupPolicy(Topics.BILLING_SYNCED));
    assertEquals("compact", cleanupPolicy(Topics.AGENT_CHANGED));
    assertNotEquals(
        "compact",
        cleanupPolicy(Topics.USAGE_RECORDED),
        "usage-recorded has one record per event, so compaction by workspace key would drop usage");
  }

  @Test
  void servicesConsumeOnlyDeclaredTopics() {
    for (RobertoService service : RobertoService.ALL) {
      Properties properties = service.applicationProperties();
      for (String property : properties.stringPropertyNames()) {
        boolean namesTopic =
            property.startsWith("mp.messaging.")
                && (property.endsWith(".topic") || property.endsWith(".dead-letter-queue.topic"));
        if (namesTopic) {
          String topic = properties.getProperty(property);
          assertTrue(
              topic(topic).isPresent(),
              service + " " + property + "=" + topic + " has no KafkaTopic");
        }
      }
    }
  }

  @Test
  void topicsBelongToClusterAndFitNodes() {
    Resource kafka = base.ofKind("Kafka").get(0);
    int nodes =
        base.ofKind("KafkaNodePool").stream()
            .filter(
                pool ->
                    pool.spec().get("roles").items().stream()
                        .anyMatch(r -> "broker".equals(r.text())))
            .mapToInt(pool -> Integer.parseInt(pool.spec().get("replicas").text()))
            .sum();

    for (Resource topic : base.ofKind("KafkaTopic")) {
      Map<String, String> labels = topic.body().get("metadata").get("labels").texts();
      assertEquals(kafka.name(), labels.get("strimzi.io/cluster"), topic.toString());
      int replicas = Integer.parseInt(topic.spec().get("replicas").text());
      int minInSync =
          Integer.parseInt(topic.spec().get("config").get("min.insync.replicas").text());
      assertTrue(replicas <= nodes, topic + " has more replicas than brokers");
      assertTrue(minInSync < replicas, topic + " stops accepting writes when one broker is down");
    }
  }

  private Optional<Resource> topic(String name) {
    return base.ofKind("KafkaTopic").stream()
        .filter(
            topic ->
                name.equals(topic.spec().get("topicName").text())
                    || (topic.spec().get("topicName").isMissing() && name.equals(topic.name())))
        .findFirst();
  }

  private String cleanupPolicy(String topic) {
    return topic(topic).orElseThrow().spec().get("config").get("cleanup.policy").text();
  }
}
