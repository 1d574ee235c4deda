package dev.roberto.runtime.runtime;

import java.time.Instant;
import java.util.UUID;

/** A runtime as the API returns it; {@code credentialClientId} is null for older runtimes. */
public record RuntimeView(
    UUID id, UUID workspaceId, String name, Instant registeredAt, String credentialClientId) {

  static RuntimeView of(Runtime runtime) {
    return new RuntimeView(
        runtime.id,
        runtime.workspaceId,
        runtime.name,
        runtime.registeredAt,
        runtime.credentialClientId);
  }
}
