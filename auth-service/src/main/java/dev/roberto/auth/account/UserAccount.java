package dev.roberto.auth.account;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A local account that signs in with its email and password. */
@Entity
@Table(name = "user_account")
public class UserAccount extends PanacheEntityBase {

  @Id public UUID id;

  /** Trimmed and lower-case; unique. */
  @Column(nullable = false, unique = true)
  public String email;

  @Column(name = "display_name", nullable = false)
  public String displayName;

  /** Bcrypt hash in modular crypt format. */
  @Column(name = "password_hash", nullable = false)
  public String passwordHash;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  public static Uni<UserAccount> findByEmail(String normalizedEmail) {
    return find("email", normalizedEmail).firstResult();
  }

  public AccountView view() {
    return new AccountView(id, email, displayName);
  }
}
