package dev.roberto.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {

  @Test
  void usageRecordedSurvivesJson() {
    UsageRecorded event =
        new UsageRecorded(
            SchemaVersion.CURRENT,
            "req-1",
            "ws-1",
            "agent-1",
            "gateway",
            "openai",
            "gpt-4o-mini",
            120,
            30,
            5,
            1_250L,
            87L,
            false,
            Instant.parse("2026-12-04T10:15:30.123Z"),
            Map.of("note", "Grüße"));

    UsageRecorded read = EventCodec.fromJson(EventCodec.toJson(event), UsageRecorded.class);

    assertEquals(event, read);
  }

  @Test
  void timesAreWrittenAsIsoText() {
    BillingSynced event =
        new BillingSynced(
            SchemaVersion.CURRENT,
            "e-1",
            "ws-1",
            4,
            Entitlements.none(),
            0,
            "none",
            null,
            Instant.parse("2026-12-04T10:15:30Z"));

    String json = EventCodec.toJsonString(event);

    assertTrue(json.contains("\"syncedAt\":\"2026-12-04T10:15:30Z\""), json);
    assertFalse(json.contains("\"topic\""), json);
  }

  @Test
  void newerMinorWithUnknownFieldIsRead() {
    String json =
        "{\"schemaVersion\":\"1.4\",\"eventId\":\"e-2\",\"workspaceId\":\"ws-1\",\"version\":9,"
            + "\"entitlements\":{\"provision\":true,\"start\":true,\"gateway\":false,\"webhooks\":true},"
            + "\"creditBalanceMicros\":10,\"subscriptionStatus\":\"active\",\"plan\":\"team\","
            + "\"syncedAt\":\"2026-12-04T10:15:30Z\",\"addedLater\":true}";

    BillingSynced event = EventCodec.fromJson(json, BillingSynced.class);

    assertEquals(9, event.version());
    assertFalse(event.entitlements().gateway());
  }

  @Test
  void unknownMajorIsRejected() {
    String json = "{\"schemaVersion\":\"2.0\",\"eventId\":\"e-3\",\"agentId\":\"a\"}";

    UnreadableEventException e =
        assertThrows(
            UnreadableEventException.class, () -> EventCodec.fromJson(json, AgentChanged.class));

    assertTrue(e.getMessage().contains("2.0"), e.getMessage());
  }

  @Test
  void missingVersionIsRejected() {
    assertThrows(
        UnreadableEventException.class,
        () -> EventCodec.fromJson("{\"eventId\":\"e-4\"}", AgentChanged.class));
  }

  @Test
  void malformedJsonIsRejected() {
    assertThrows(
        UnreadableEventException.class,
        () -> EventCodec.fromJson("{\"eventId\":", AgentChanged.class));
  }

  @Test
  void majorIsParsed() {
    assertEquals(1, SchemaVersion.majorOf("1.0"));
    assertEquals(12, SchemaVersion.majorOf("12.3"));
    assertEquals(-1, SchemaVersion.majorOf("x.1"));
    assertEquals(-1, SchemaVersion.majorOf(null));
  }
}
