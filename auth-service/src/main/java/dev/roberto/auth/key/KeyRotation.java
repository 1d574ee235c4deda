package dev.roberto.auth.key;

import dev.roberto.auth.AuthConfig;
import dev.roberto.auth.support.AdvisoryLock;
import dev.roberto.auth.support.Blocking;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.JoseException;

/**
 * Creates and rotates the signing keys. A key is published as {@code next} for a whole rotation
 * period before it signs, so verifiers that cache the JWKS already hold it; a retired key stays
 * published until every token it signed has expired. Changes run under a PostgreSQL advisory lock,
 * so replicas that start or rotate at once do not create two active keys.
 */
@ApplicationScoped
public class KeyRotation {

  private final KeyRing keyRing;
  private final PrivateKeyProtection protection;
  private final AuthConfig config;

  public KeyRotation(KeyRing keyRing, PrivateKeyProtection protection, AuthConfig config) {
    this.keyRing = keyRing;
    this.protection = protection;
    this.config = config;
  }

  void createKeysAtStartup(@Observes StartupEvent event) throws Throwable {
    VertxContextSupport.subscribeAndAwait(
        () -> Panache.withTransaction(this::ensureActiveAndNext).chain(keyRing::reload));
  }

  /**
   * Rotates now: the next key starts signing, the active key retires and a new next key is
   * published. Returns the kid of the key that signs from now on.
   */
  public Uni<String> rotate() {
    return Panache.withTransaction(() -> lock().chain(this::rotateLocked)).call(keyRing::reload);
  }

  /** Removes retired keys whose tokens have all expired; returns how many it removed. */
  public Uni<Long> removeExpiredKeys() {
    return Panache.withTransaction(
            () ->
                SigningKey.delete(
                    "state = ?1 and publishUntil <= ?2", SigningKey.RETIRED, Instant.now()))
        .call(keyRing::reload);
  }

  @Scheduled(
      identity = "signing-key-rotation",
      every = "${roberto.auth.keys.rotation-check:PT1H}",
      delayed = "PT1M",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> rotateWhenDue() {
    Instant due = Instant.now().minus(config.keys().rotationPeriod());
    return Panache.withTransaction(
            () ->
                lock()
                    .chain(() -> SigningKey.inState(SigningKey.ACTIVE))
                    .chain(
                        active ->
                            active != null && active.activatedAt.isBefore(due)
                                ? rotateLocked().replaceWith(true)
                                : Uni.createFrom().item(false)))
        .chain(
            rotated -> rotated ? keyRing.reload().replaceWith(true) : Uni.createFrom().item(false))
        .chain(ignored -> removeExpiredKeys())
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(
            failure -> {
              Log.warnf("Signing key rotation check failed, will retry: %s", failure);
              return Uni.createFrom().voidItem();
            });
  }

  private Uni<Void> ensureActiveAndNext() {
    return lock()
        .chain(() -> SigningKey.count("state", SigningKey.ACTIVE))
        .chain(active -> active == 0 ? newKey(SigningKey.ACTIVE) : Uni.createFrom().voidItem())
        .chain(() -> SigningKey.count("state", SigningKey.NEXT))
        .chain(next -> next == 0 ? newKey(SigningKey.NEXT) : Uni.createFrom().voidItem());
  }

  private Uni<String> rotateLocked() {
    Instant now = Instant.now();
    return SigningKey.inState(SigningKey.ACTIVE)
        .chain(active -> active == null ? Uni.createFrom().voidItem() : retire(active, now))
        .chain(() -> SigningKey.inState(SigningKey.NEXT))
        .chain(
            next -> {
              if (next == null) {
                // Only when the next key was deleted by hand: it signs without prior publication.
                return newKey(SigningKey.ACTIVE).chain(() -> activeKid());
              }
              next.state = SigningKey.ACTIVE;
              next.activatedAt = now;
              return Panache.flush().replaceWith(next.kid);
            })
        .call(() -> newKey(SigningKey.NEXT))
        .invoke(kid -> Log.infof("Rotated signing keys: %s signs from now on", kid));
  }

  private Uni<Void> retire(SigningKey active, Instant now) {
    active.state = SigningKey.RETIRED;
    active.retiredAt = now;
    active.publishUntil = now.plus(retirementOverlap());
    // Flushed before the next key becomes active: the unique index allows one active key.
    return Panache.flush();
  }

  /**
   * Returns how long a retired key stays published: a token it signed lives at most the access
   * token lifetime, plus clock skew, plus the reload interval during which another replica may
   * still sign with it.
   */
  private Duration retirementOverlap() {
    return config
        .accessTokenLifetime()
        .plus(config.keys().clockSkew())
        .plus(config.keys().reloadInterval());
  }

  private Uni<String> activeKid() {
    return SigningKey.inState(SigningKey.ACTIVE).map(key -> key.kid);
  }

  private Uni<Void> newKey(String state) {
    // RSA key generation takes a noticeable fraction of a second: keep it off the event loop.
    return Blocking.onWorker(() -> generate(state))
        .chain(key -> key.persist().chain(Panache::flush).invoke(() -> logCreated(key)));
  }

  private static void logCreated(SigningKey key) {
    Log.infof("Created signing key %s as %s", key.kid, key.state);
  }

  private SigningKey generate(String state) {
    String kid = UUID.randomUUID().toString();
    RsaJsonWebKey jwk;
    try {
      jwk = RsaJwkGenerator.generateJwk(2048);
    } catch (JoseException e) {
      throw new IllegalStateException("Generating an RSA key failed", e);
    }
    jwk.setKeyId(kid);
    jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
    jwk.setUse("sig");
    Instant now = Instant.now();
    SigningKey key = new SigningKey();
    key.kid = kid;
    key.state = state;
    key.publicJwk = jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    key.privateKey = protection.protect(kid, jwk.getPrivateKey().getEncoded());
    key.encrypted = protection.encrypts();
    key.createdAt = now;
    key.activatedAt = SigningKey.ACTIVE.equals(state) ? now : null;
    return key;
  }

  private static Uni<Void> lock() {
    return AdvisoryLock.acquire(AdvisoryLock.SIGNING_KEYS);
  }
}
