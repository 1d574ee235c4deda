package dev.roberto.gateway.allowlist;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** One model on an agent's allow-list. An agent without rows may use every configured model. */
@Entity
@Table(name = "gateway_allowed_model")
public class AllowedModel extends PanacheEntityBase {

  @EmbeddedId public Key id;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(name = "allowed_at", nullable = false)
  public Instant allowedAt;

  /** Subject of the person who set the list. */
  @Column(name = "allowed_by")
  public String allowedBy;

  /** A model is listed at most once per agent. */
  @Embeddable
  public record Key(@Column(name = "agent_id") String agentId, @Column(name = "model") String model)
      implements Serializable {}

  static Uni<List<AllowedModel>> listForAgent(String agentId) {
    return list("id.agentId = ?1 order by id.model", agentId);
  }

  static Uni<Long> deleteForAgent(String agentId) {
    return delete("id.agentId = ?1", agentId);
  }
}
