package dev.roberto.auth.client;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A runtime's client id and the hash of its secret, for the client credentials grant. */
@Entity
@Table(name = "runtime_credential")
public class RuntimeCredential extends PanacheEntityBase {

  @Id
  @Column(name = "client_id")
  public String clientId;

  @Column(name = "runtime_id", nullable = false)
  public String runtimeId;

  @Column(name = "workspace_id", nullable = false)
  public UUID workspaceId;

  /** SHA-256 of the secret; the secret itself is shown once and never stored. */
  @Column(name = "secret_hash", nullable = false)
  public byte[] secretHash;

  @Column(name = "created_by", nullable = false)
  public UUID createdBy;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "revoked_at")
  public Instant revokedAt;
}
