package dev.roberto.billing.ledger;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of the append-only credit ledger; rows are inserted and never changed. */
@Entity
@Table(name = "credit_entry")
public class CreditEntry extends PanacheEntityBase {

  /** Kind of entry, stored in lower case. */
  public enum Kind {
    grant,
    debit,
    adjustment
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Kind kind;

  /** Micro-units: positive for grants, negative for debits, either sign for adjustments. */
  @Column(name = "amount_micros", nullable = false)
  public long amountMicros;

  /** Origin of the entry: {@code starter}, {@code usage}, {@code purchase}, ... */
  @Column(nullable = false)
  public String source;

  /** Cause of the entry, such as a usage event id, unique per kind. */
  @Column(nullable = false)
  public String reference;

  @Column(name = "expires_at")
  public Instant expiresAt;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
