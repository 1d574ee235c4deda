package dev.roberto.gateway.usage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The usage of one gateway call, kept beside its {@code usage-recorded} event. */
@Entity
@Table(name = "gateway_usage")
public class GatewayUsage extends PanacheEntityBase {

  @Id
  @Column(name = "event_id")
  public String eventId;

  @Column(name = "agent_id", nullable = false)
  public String agentId;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(nullable = false)
  public String provider;

  @Column(nullable = false)
  public String model;

  @Column(name = "input_tokens", nullable = false)
  public long inputTokens;

  @Column(name = "output_tokens", nullable = false)
  public long outputTokens;

  @Column(name = "cached_tokens", nullable = false)
  public long cachedTokens;

  @Column(name = "cost_micros", nullable = false)
  public long costMicros;

  @Column(name = "latency_millis", nullable = false)
  public long latencyMillis;

  @Column(nullable = false)
  public boolean estimated;

  /** {@code completed}, {@code provider_dropped} or {@code client_disconnected}. */
  @Column(nullable = false)
  public String outcome;

  @Column(name = "recorded_at", nullable = false)
  public Instant recordedAt;
}
