package dev.roberto.auth.token;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One refresh token, known only by its hash. */
@Entity
@Table(name = "refresh_token")
public class RefreshToken extends PanacheEntityBase {

  /** Hex SHA-256 of the token. */
  @Id
  @Column(name = "token_hash")
  public String tokenHash;

  @Column(name = "family_id", nullable = false)
  public UUID familyId;

  @Column(name = "issued_at", nullable = false)
  public Instant issuedAt;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;

  /** When a refresh used this token; from then on it only works within the reuse grace. */
  @Column(name = "rotated_at")
  public Instant rotatedAt;

  /** The pair its rotation issued, encrypted under a key derived from this token. */
  @Column(name = "successor_sealed")
  public byte[] successorSealed;
}
