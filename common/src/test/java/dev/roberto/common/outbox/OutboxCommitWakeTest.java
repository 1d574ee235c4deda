package dev.roberto.common.outbox;

import static org.awaitility.Awaitility.await;

import dev.roberto.events.AgentChanged;
import dev.roberto.testsupport.TestDatabase;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The relay runs after a commit, without waiting for its scheduled sweep. */
@QuarkusTest
@TestProfile(RelaySweepOff.class)
class OutboxCommitWakeTest {

  @Inject Outbox outbox;

  @Test
  void commitStartsRelayWithoutSweep() throws Throwable {
    AgentChanged first = OutboxRelayTest.agentCreated();
    AgentChanged second = OutboxRelayTest.agentCreated();

    VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withTransaction(() -> outbox.append(first).chain(() -> outbox.append(second))));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                TestDatabase.count(
                        "SELECT count(*) FROM outbox_message"
                            + " WHERE event_id IN (?, ?) AND published_at IS NOT NULL",
                        first.eventId(),
                        second.eventId())
                    == 2);
  }
}
