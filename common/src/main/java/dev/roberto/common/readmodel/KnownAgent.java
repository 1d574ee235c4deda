package dev.roberto.common.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An agent as {@code agent-changed} describes it, kept by services that must know which workspace
 * an agent belongs to. Table from the Flyway location {@code db/readmodel-agents}.
 */
@Entity
@Table(name = "known_agent")
public class KnownAgent extends PanacheEntityBase {

  @Id
  @Column(name = "agent_id")
  public String agentId;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(name = "runtime_id")
  public String runtimeId;

  public String name;

  public String state;

  /** Agent version from runtime-service; only a higher one replaces this row. */
  @Column(nullable = false)
  public long version;

  @Column(nullable = false)
  public boolean deleted;

  @Column(name = "changed_at", nullable = false)
  public Instant changedAt;
}
