package dev.roberto.auth.device;

import java.time.Instant;
import java.util.UUID;

/**
 * A device login as the approval page needs it: which request, from which client, when, and its
 * status. Its secrets stay in the database as hashes and are not part of this view.
 */
public record DeviceAuthorization(
    UUID id, DeviceClient client, Status status, Instant createdAt, Instant expiresAt) {

  /** Status of a device login. */
  public enum Status {
    PENDING,
    APPROVED,
    DENIED,
    REDEEMED
  }

  public boolean isExpired(Instant now) {
    return !expiresAt.isAfter(now);
  }
}
