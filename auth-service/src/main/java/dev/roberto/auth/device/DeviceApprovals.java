package dev.roberto.auth.device;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The person's side of a device login: entering the user code, then approving or denying. */
@ApplicationScoped
public class DeviceApprovals {

  /** Result of entering a user code. */
  public enum EntryStatus {
    /** The login is waiting for a decision; the authorization is present. */
    FOUND,
    /** The input cannot be a user code at all. */
    MALFORMED,
    /** No login has this code. */
    WRONG,
    /** Too many wrong codes from this session or address. */
    BLOCKED,
    EXPIRED,
    /** Someone already approved or denied this login. */
    ALREADY_DECIDED
  }

  /** The result of an entry, with the login when it was found. */
  public record Entry(EntryStatus status, DeviceAuthorization authorization) {

    static Entry of(EntryStatus status) {
      return new Entry(status, null);
    }
  }

  /** Result of an Approve or Deny click. */
  public enum DecisionStatus {
    APPROVED,
    DENIED,
    EXPIRED,
    ALREADY_DECIDED,
    UNKNOWN
  }

  /** The signed-in person who clicks, and the hash of their web session. */
  public record WebDecider(UUID userId, String sessionKey) {}

  private final DeviceAuthorizations authorizations;
  private final WrongCodeLimit wrongCodeLimit;

  public DeviceApprovals(DeviceAuthorizations authorizations, WrongCodeLimit wrongCodeLimit) {
    this.authorizations = authorizations;
    this.wrongCodeLimit = wrongCodeLimit;
  }

  /**
   * Looks up the login of a typed user code. Every well-formed entry counts against the wrong-code
   * limit of the session and the address until it proves right.
   */
  public Uni<Entry> enter(String typedCode, String sessionKey, String address) {
    Optional<String> code = UserCodes.normalise(typedCode);
    if (code.isEmpty()) {
      return Uni.createFrom().item(Entry.of(EntryStatus.MALFORMED));
    }
    String hash = Secrets.sha256(code.get());

    return Panache.withTransaction(
        () ->
            wrongCodeLimit
                .tryAttempt(sessionKey, address)
                .chain(
                    allowed -> {
                      if (!allowed) {
                        Log.warnf("Wrong user code limit reached for address %s", address);
                        return Uni.createFrom().item(Entry.of(EntryStatus.BLOCKED));
                      }
                      return authorizations
                          .findByUserCodeHash(hash)
                          .chain(found -> classify(found, sessionKey, address));
                    }));
  }

  /**
   * Records Approve or Deny for a login that is still pending, when the session is the one that
   * entered its user code.
   */
  public Uni<DecisionStatus> decide(
      UUID authorizationId, boolean approve, WebDecider decider, UUID workspaceId) {
    DeviceAuthorization.Status decision =
        approve ? DeviceAuthorization.Status.APPROVED : DeviceAuthorization.Status.DENIED;

    return Panache.withTransaction(
        () ->
            authorizations
                .decide(
                    authorizationId,
                    decision,
                    decider.userId(),
                    approve ? workspaceId : null,
                    decider.sessionKey())
                .chain(
                    decided -> {
                      if (decided) {
                        Log.infof(
                            "Device login %s %s by user %s",
                            authorizationId, approve ? "approved" : "denied", decider.userId());
                        return Uni.createFrom()
                            .item(approve ? DecisionStatus.APPROVED : DecisionStatus.DENIED);
                      }
                      return authorizations.findById(authorizationId).map(this::whyUndecided);
                    }));
  }

  /** Minutes after which a blocked session or address may enter codes again, at most. */
  public long retryAfterMinutes() {
    return wrongCodeLimit.windowMinutes();
  }

  public Uni<Optional<DeviceAuthorization>> find(UUID authorizationId) {
    return Panache.withSession(() -> authorizations.findById(authorizationId));
  }

  private Uni<Entry> classify(
      Optional<DeviceAuthorization> found, String sessionKey, String address) {
    if (found.isEmpty()) {
      return Uni.createFrom().item(Entry.of(EntryStatus.WRONG));
    }
    DeviceAuthorization authorization = found.get();
    return wrongCodeLimit
        .refund(sessionKey, address)
        .map(
            ignored -> {
              if (authorization.status() != DeviceAuthorization.Status.PENDING) {
                return Entry.of(EntryStatus.ALREADY_DECIDED);
              }
              if (authorization.isExpired(Instant.now())) {
                return new Entry(EntryStatus.EXPIRED, authorization);
              }
              return new Entry(EntryStatus.FOUND, authorization);
            })
        .call(
            entry ->
                entry.status() == EntryStatus.FOUND
                    ? authorizations.claimForSession(authorization.id(), sessionKey)
                    : Uni.createFrom().voidItem());
  }

  private DecisionStatus whyUndecided(Optional<DeviceAuthorization> found) {
    if (found.isEmpty()) {
      return DecisionStatus.UNKNOWN;
    }
    if (found.get().status() != DeviceAuthorization.Status.PENDING) {
      return DecisionStatus.ALREADY_DECIDED;
    }
    if (found.get().isExpired(Instant.now())) {
      return DecisionStatus.EXPIRED;
    }
    // Pending and unexpired, so another session entered the code after this one.
    return DecisionStatus.UNKNOWN;
  }
}
