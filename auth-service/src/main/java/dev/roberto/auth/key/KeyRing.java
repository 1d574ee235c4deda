package dev.roberto.auth.key;

import dev.roberto.auth.AuthConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * This replica's copy of the signing keys in the database: the active private key that signs, and
 * the public keys that verify. It reloads on a schedule, after a rotation here, and when a token
 * names a key it does not hold, so every replica follows a rotation made by another.
 */
@ApplicationScoped
public class KeyRing {

  private static final String PUBLISHED =
      "state in ('next', 'active') or (state = 'retired' and publishUntil > ?1) order by createdAt";

  private final PrivateKeyProtection protection;
  private final AuthConfig config;
  private final AtomicReference<Snapshot> current = new AtomicReference<>(Snapshot.EMPTY);
  private volatile Instant lastUnknownKidReload = Instant.EPOCH;

  public KeyRing(PrivateKeyProtection protection, AuthConfig config) {
    this.protection = protection;
    this.config = config;
  }

  /** Signs the claims with the active key, with its kid in the header. */
  public Uni<String> sign(JwtClaims claims) {
    Snapshot snapshot = current.get();
    Uni<Snapshot> ready = snapshot.activeKid == null ? reload() : Uni.createFrom().item(snapshot);
    return ready.map(keys -> keys.sign(claims));
  }

  /** Returns the kid of the key that signs now. */
  public Uni<String> activeKid() {
    return reload().map(snapshot -> snapshot.activeKid);
  }

  /**
   * Returns the public key with that kid while it is published, reloading once when this replica
   * has not loaded it (at most once a second, so unknown kids cannot flood the database).
   */
  public Uni<Optional<PublicKey>> verificationKey(String kid) {
    Optional<PublicKey> cached = current.get().publicKey(kid, Instant.now());
    if (cached.isPresent() || current.get().published.containsKey(kid)) {
      return Uni.createFrom().item(cached);
    }
    Instant now = Instant.now();
    if (lastUnknownKidReload.isAfter(now.minusSeconds(1))) {
      return Uni.createFrom().item(Optional.empty());
    }
    lastUnknownKidReload = now;
    return reload().map(snapshot -> snapshot.publicKey(kid, Instant.now()));
  }

  /** Returns the JWK set of every published key, read from the database. */
  public Uni<String> jwksJson() {
    return Panache.withSession(() -> SigningKey.<SigningKey>list(PUBLISHED, Instant.now()))
        .map(KeyRing::toJwks);
  }

  /** Reloads the keys from the database and returns the new snapshot. */
  public Uni<Snapshot> reload() {
    return Panache.withSession(() -> SigningKey.<SigningKey>list(PUBLISHED, Instant.now()))
        .map(this::toSnapshot)
        .invoke(current::set);
  }

  @Scheduled(
      identity = "signing-key-reload",
      every = "${roberto.auth.keys.reload-interval:PT30S}",
      delayed = "${roberto.auth.keys.reload-interval:PT30S}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> reloadOnSchedule() {
    return reload()
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(
            failure -> {
              Log.warnf("Reloading signing keys failed, keeping the loaded ones: %s", failure);
              return Uni.createFrom().voidItem();
            });
  }

  private Snapshot toSnapshot(List<SigningKey> keys) {
    Map<String, PublishedKey> published = new HashMap<>();
    String activeKid = null;
    PrivateKey activeKey = null;
    for (SigningKey key : keys) {
      published.put(key.kid, new PublishedKey(publicKey(key), key.publishUntil));
      if (SigningKey.ACTIVE.equals(key.state)) {
        activeKid = key.kid;
        activeKey = privateKey(key);
      }
    }
    return new Snapshot(Map.copyOf(published), activeKid, activeKey);
  }

  private PrivateKey privateKey(SigningKey key) {
    try {
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(protection.unprotect(key)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Signing key " + key.kid + " is not a valid RSA key", e);
    }
  }

  private static PublicKey publicKey(SigningKey key) {
    try {
      return (PublicKey) JsonWebKey.Factory.newJwk(key.publicJwk).getKey();
    } catch (JoseException e) {
      throw new IllegalStateException("Signing key " + key.kid + " has an invalid JWK", e);
    }
  }

  private static String toJwks(List<SigningKey> keys) {
    JsonWebKeySet set = new JsonWebKeySet();
    for (SigningKey key : keys) {
      try {
        set.addJsonWebKey(JsonWebKey.Factory.newJwk(key.publicJwk));
      } catch (JoseException e) {
        throw new IllegalStateException("Signing key " + key.kid + " has an invalid JWK", e);
      }
    }
    return set.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
  }

  /** A published public key; {@code publishUntil} is null unless the key is retired. */
  record PublishedKey(PublicKey key, Instant publishUntil) {}

  /** The keys one load from the database returned. */
  public record Snapshot(
      Map<String, PublishedKey> published, String activeKid, PrivateKey activeKey) {

    static final Snapshot EMPTY = new Snapshot(Map.of(), null, null);

    Optional<PublicKey> publicKey(String kid, Instant now) {
      PublishedKey key = published.get(kid);
      if (key == null || (key.publishUntil() != null && !key.publishUntil().isAfter(now))) {
        return Optional.empty();
      }
      return Optional.of(key.key());
    }

    String sign(JwtClaims claims) {
      if (activeKid == null) {
        throw new IllegalStateException("No active signing key exists");
      }
      JsonWebSignature jws = new JsonWebSignature();
      jws.setPayload(claims.toJson());
      jws.setKey(activeKey);
      jws.setKeyIdHeaderValue(activeKid);
      jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
      jws.setHeader("typ", "JWT");
      try {
        return jws.getCompactSerialization();
      } catch (JoseException e) {
        throw new IllegalStateException("Signing with key " + activeKid + " failed", e);
      }
    }
  }
}
