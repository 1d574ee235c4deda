package dev.roberto.billing.usage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A usage event as billing priced it, kept for the summary by agent and by model. */
@Entity
@Table(name = "usage_record")
public class UsageRecord extends PanacheEntityBase {

  @Id
  @Column(name = "event_id")
  public String eventId;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(name = "agent_id")
  public String agentId;

  public String source;
  public String provider;
  public String model;

  @Column(name = "input_tokens", nullable = false)
  public long inputTokens;

  @Column(name = "output_tokens", nullable = false)
  public long outputTokens;

  @Column(name = "cached_tokens", nullable = false)
  public long cachedTokens;

  @Column(name = "cost_micros", nullable = false)
  public long costMicros;

  @Column(name = "occurred_at", nullable = false)
  public Instant occurredAt;
}
