package dev.roberto.runtime.agent;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An agent of a workspace, provisioned on one of its runtimes. */
@Entity
@Table(name = "agent")
public class Agent extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public UUID workspaceId;

  @Column(name = "runtime_id", nullable = false)
  public UUID runtimeId;

  @Column(nullable = false)
  public String name;

  /** Release channel the agent follows, such as {@code stable}. */
  @Column(nullable = false)
  public String channel;

  @Convert(converter = AgentState.DatabaseConverter.class)
  @Column(nullable = false)
  public AgentState state;

  /** Grows by one with every change; {@code agent-changed} carries it. */
  @Column(nullable = false)
  public long version;

  /** Subject of the access token that provisioned the agent. */
  @Column(name = "created_by", nullable = false)
  public String createdBy;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "changed_at", nullable = false)
  public Instant changedAt;
}
