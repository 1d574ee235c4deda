package dev.roberto.webhook.idempotency;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** The first response to a delivery with an idempotency key, kept to replay it to retries. */
@Entity
@Table(name = "idempotency_record")
public class IdempotencyRecord extends PanacheEntityBase {

  @EmbeddedId public Key id;

  /** SHA-256 of the raw body, in hex, to tell a retry from a different delivery. */
  @Column(name = "body_sha256", nullable = false)
  public String bodySha256;

  @Column(name = "response_status", nullable = false)
  public int responseStatus;

  @Column(name = "response_body", nullable = false, columnDefinition = "text")
  public String responseBody;

  @Column(name = "event_id", nullable = false)
  public String eventId;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  /** An idempotency key is scoped to its agent. */
  @Embeddable
  public record Key(
      @Column(name = "agent_id") String agentId,
      @Column(name = "idempotency_key") String idempotencyKey)
      implements Serializable {}
}
