package dev.roberto.auth.key;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An RSA signing key shared by every replica through the database. */
@Entity
@Table(name = "signing_key")
public class SigningKey extends PanacheEntityBase {

  public static final String NEXT = "next";
  public static final String ACTIVE = "active";
  public static final String RETIRED = "retired";

  @Id public String kid;

  /** {@link #NEXT}: published, not signing yet; {@link #ACTIVE}: signing; {@link #RETIRED}. */
  @Column(nullable = false)
  public String state;

  /** The public JWK as the JWKS serves it. */
  @Column(name = "public_jwk", nullable = false, columnDefinition = "text")
  public String publicJwk;

  /** PKCS#8 private key, encrypted when {@link #encrypted}. */
  @Column(name = "private_key", nullable = false)
  public byte[] privateKey;

  @Column(nullable = false)
  public boolean encrypted;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "activated_at")
  public Instant activatedAt;

  @Column(name = "retired_at")
  public Instant retiredAt;

  /** For a retired key: when the last token it signed has expired and it leaves the JWKS. */
  @Column(name = "publish_until")
  public Instant publishUntil;

  /** Returns the key in the state, for {@link #NEXT} and {@link #ACTIVE}, or null. */
  public static Uni<SigningKey> inState(String state) {
    return find("state", state).firstResult();
  }
}
