package dev.roberto.webhook;

import static dev.roberto.webhook.Deliveries.post;
import static dev.roberto.webhook.Deliveries.postWithKey;
import static dev.roberto.webhook.Deliveries.usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.kafka.TestAgents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many deliveries at once, as a busy agent sends them. */
@QuarkusTest
class ConcurrentDeliveriesTest {

  private static final String WORKSPACE = UUID.randomUUID().toString();
  private static final int DELIVERIES = 40;

  private String agentId;
  private ExecutorService senders;

  @BeforeEach
  void createAgent() {
    agentId = TestAgents.create(WORKSPACE);
    senders = Executors.newFixedThreadPool(16);
  }

  @AfterEach
  void stopSenders() {
    senders.shutdownNow();
  }

  @Test
  void distinctDeliveriesAreStoredAndPublishedOnce() throws Exception {
    List<CompletableFuture<ExtractableResponse<Response>>> sends = new ArrayList<>();
    for (int i = 0; i < DELIVERIES; i++) {
      String body = usage(i + 1);
      // Half carry their own idempotency key and half carry none.
      String key = i % 2 == 0 ? "key-" + UUID.randomUUID() : null;
      sends.add(
          CompletableFuture.supplyAsync(
              () ->
                  key == null
                      ? post(agentId, body).extract()
                      : postWithKey(agentId, key, body).extract(),
              senders));
    }

    Set<String> eventIds = new HashSet<>();
    for (var send : sends) {
      ExtractableResponse<Response> response = send.get();
      assertEquals(202, response.statusCode(), response.asString());
      eventIds.add(response.path("eventId"));
    }

    assertEquals(DELIVERIES, eventIds.size());
    assertEquals(
        (long) DELIVERIES,
        TestDatabase.count("SELECT count(*) FROM usage_record WHERE agent_id = ?", agentId));
    assertEquals(
        (long) DELIVERIES / 2,
        TestDatabase.count("SELECT count(*) FROM idempotency_record WHERE agent_id = ?", agentId));
    Map<String, Integer> counts = UsageEvents.count(eventIds, Duration.ofSeconds(60));
    for (String eventId : eventIds) {
      assertEquals(1, counts.getOrDefault(eventId, 0), "records of event " + eventId);
    }
  }

  @Test
  void concurrentDuplicatesStoreOnceAndAnswerAlike() throws Exception {
    String key = "key-" + UUID.randomUUID();
    String body = usage(77);
    List<CompletableFuture<ExtractableResponse<Response>>> sends = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      sends.add(
          CompletableFuture.supplyAsync(() -> postWithKey(agentId, key, body).extract(), senders));
    }

    Set<String> eventIds = new HashSet<>();
    for (var send : sends) {
      ExtractableResponse<Response> response = send.get();
      int status = response.statusCode();
      assertTrue(status == 202 || status == 409, "status " + status + ": " + response.asString());
      if (status == 202) {
        eventIds.add(response.path("eventId"));
      }
    }
    // A sender that got 409 retries, and the retry gets the stored response.
    String retried = postWithKey(agentId, key, body).statusCode(202).extract().path("eventId");
    eventIds.add(retried);

    assertEquals(Set.of(retried), eventIds);
    assertEquals(
        1L, TestDatabase.count("SELECT count(*) FROM usage_record WHERE agent_id = ?", agentId));
    Map<String, Integer> counts = UsageEvents.count(eventIds, Duration.ofSeconds(60));
    assertEquals(1, counts.getOrDefault(retried, 0));
  }

  @Test
  void severalAgentsGetTheirOwnAnswers() throws Exception {
    Map<String, String> workspaceOf = new LinkedHashMap<>();
    workspaceOf.put(agentId, WORKSPACE);
    for (int i = 0; i < 2; i++) {
      String workspace = UUID.randomUUID().toString();
      workspaceOf.put(TestAgents.create(workspace), workspace);
    }
    String deleted = TestAgents.create(WORKSPACE);
    TestAgents.delete(deleted, WORKSPACE);
    List<String> agents = new ArrayList<>(workspaceOf.keySet());
    agents.add("agent-" + UUID.randomUUID());
    agents.add(deleted);

    List<String> agentOfSend = new ArrayList<>();
    List<CompletableFuture<ExtractableResponse<Response>>> sends = new ArrayList<>();
    for (int i = 0; i < DELIVERIES; i++) {
      String sender = agents.get(i % agents.size());
      String body = usage(i + 1);
      agentOfSend.add(sender);
      sends.add(CompletableFuture.supplyAsync(() -> post(sender, body).extract(), senders));
    }

    for (int i = 0; i < sends.size(); i++) {
      ExtractableResponse<Response> response = sends.get(i).get();
      String sender = agentOfSend.get(i);
      if (workspaceOf.containsKey(sender)) {
        assertEquals(202, response.statusCode(), response.asString());
        assertEquals(sender, response.path("agentId"));
        assertEquals(workspaceOf.get(sender), response.path("workspaceId"));
      } else {
        assertEquals(404, response.statusCode(), response.asString());
        assertEquals("unknown_agent", response.path("code"));
      }
    }
    for (String sender : workspaceOf.keySet()) {
      long sent = agentOfSend.stream().filter(sender::equals).count();
      assertEquals(
          sent, TestDatabase.count("SELECT count(*) FROM usage_record WHERE agent_id = ?", sender));
    }
  }
}
