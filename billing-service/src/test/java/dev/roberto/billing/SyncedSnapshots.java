package dev.roberto.billing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.roberto.events.BillingSynced;
import dev.roberto.events.EventCodec;
import dev.roberto.events.Topics;
import dev.roberto.testsupport.kafka.TestTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads the billing-synced snapshots that the service sent to the test broker. */
public final class SyncedSnapshots {

  static final Duration WAIT = Duration.ofSeconds(60);

  private SyncedSnapshots() {}

  /**
   * Reads billing-synced from the beginning until a snapshot of the workspace matches, and returns
   * the workspace's snapshots read by then, ordered by version.
   */
  public static List<BillingSynced> await(String workspace, Predicate<BillingSynced> until) {
    List<BillingSynced> all = new ArrayList<>();
    List<ConsumerRecord<String, String>> found =
        TestTopics.await(
            Topics.BILLING_SYNCED,
            record -> {
              if (!workspace.equals(record.key())) {
                return false;
              }
              BillingSynced snapshot = EventCodec.fromJson(record.value(), BillingSynced.class);
              all.add(snapshot);
              return until.test(snapshot);
            },
            WAIT);
    assertFalse(found.isEmpty(), "no matching billing-synced snapshot of " + workspace);
    all.sort(Comparator.comparingLong(BillingSynced::version));
    return all;
  }
}
