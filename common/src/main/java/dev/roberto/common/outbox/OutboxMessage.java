package dev.roberto.common.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An event waiting in the service's own database to be relayed to Kafka. */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage extends PanacheEntityBase {

  /** Insertion order, which the relay keeps per key. */
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "event_id", nullable = false, unique = true)
  public String eventId;

  @Column(nullable = false)
  public String topic;

  @Column(name = "message_key", nullable = false)
  public String messageKey;

  @Column(name = "event_type", nullable = false)
  public String eventType;

  @Column(name = "data_schema", nullable = false)
  public String dataSchema;

  @Column(nullable = false, columnDefinition = "text")
  public String payload;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "published_at")
  public Instant publishedAt;

  @Column(nullable = false)
  public int attempts;
}
