package dev.roberto.runtime.runtime;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A host registered by a workspace to run its agents. */
@Entity
@Table(name = "runtime")
public class Runtime extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public UUID workspaceId;

  @Column(nullable = false)
  public String name;

  /** Subject of the access token that registered the runtime. */
  @Column(name = "registered_by", nullable = false)
  public String registeredBy;

  @Column(name = "registered_at", nullable = false)
  public Instant registeredAt;

  /**
   * Client id of the credential auth-service issued at registration; null for runtimes registered
   * before registration requested one.
   */
  @Column(name = "credential_client_id")
  public String credentialClientId;
}
