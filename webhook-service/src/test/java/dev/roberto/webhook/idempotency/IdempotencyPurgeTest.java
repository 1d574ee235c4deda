package dev.roberto.webhook.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roberto.testsupport.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotencyPurgeTest {

  @Inject IdempotencyKeys keys;

  @Test
  void purgeDeletesOnlyExpiredKeys() throws Throwable {
    String agentId = "agent-" + UUID.randomUUID();
    insert(agentId, "old", "25 hours");
    insert(agentId, "recent", "23 hours");

    VertxContextSupport.subscribeAndAwait(() -> keys.purgeExpired());

    assertEquals(0L, count(agentId, "old"));
    assertEquals(1L, count(agentId, "recent"));
  }

  private static void insert(String agentId, String key, String age) {
    TestDatabase.update(
        "INSERT INTO idempotency_record (agent_id, idempotency_key, body_sha256, response_status,"
            + " response_body, event_id, created_at)"
            + " VALUES (?, ?, 'hash', 202, '{}', ?, now() - CAST(? AS interval))",
        agentId,
        key,
        UUID.randomUUID().toString(),
        age);
  }

  private static long count(String agentId, String key) {
    return TestDatabase.count(
        "SELECT count(*) FROM idempotency_record WHERE agent_id = ? AND idempotency_key = ?",
        agentId,
        key);
  }
}
