package dev.roberto.auth.account;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The role of one account in one workspace. */
@Entity
@Table(name = "membership")
public class Membership extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public UUID workspaceId;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  /** Lower-case role name, as {@link Role#claim()} returns it. */
  @Column(nullable = false)
  public String role;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  public static Uni<Membership> find(UUID workspaceId, UUID userId) {
    return find("workspaceId = ?1 and userId = ?2", workspaceId, userId).firstResult();
  }

  public static Membership of(UUID workspaceId, UUID userId, Role role) {
    Membership membership = new Membership();
    membership.id = UUID.randomUUID();
    membership.workspaceId = workspaceId;
    membership.userId = userId;
    membership.role = role.claim();
    membership.createdAt = Instant.now();
    return membership;
  }

  public Role role() {
    return Role.fromClaim(role);
  }
}
