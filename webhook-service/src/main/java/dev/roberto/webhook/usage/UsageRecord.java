package dev.roberto.webhook.usage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One accepted usage delivery; its {@code usage-recorded} event has the same event id. */
@Entity
@Table(name = "usage_record")
public class UsageRecord extends PanacheEntityBase {

  @Id
  @Column(name = "event_id")
  public String eventId;

  @Column(name = "agent_id", nullable = false)
  public String agentId;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(name = "input_tokens", nullable = false)
  public long inputTokens;

  @Column(name = "output_tokens", nullable = false)
  public long outputTokens;

  @Column(name = "cached_tokens", nullable = false)
  public long cachedTokens;

  @Column(name = "cost_micros")
  public Long costMicros;

  @Column(name = "latency_millis")
  public Long latencyMillis;

  public String provider;

  @Column(nullable = false)
  public String model;

  @Column(name = "occurred_at", nullable = false)
  public Instant occurredAt;

  /** The metadata object as JSON text. */
  @Column(columnDefinition = "text")
  public String metadata;

  @Column(name = "idempotency_key")
  public String idempotencyKey;

  @Column(name = "received_at", nullable = false)
  public Instant receivedAt;
}
