package dev.roberto.runtime.runtime;

import java.time.Instant;
import java.util.UUID;

/** A runtime as the API returns it. */
public record RuntimeView(UUID id, UUID workspaceId, String name, Instant registeredAt) {

  static RuntimeView of(Runtime runtime) {
    return new RuntimeView(runtime.id, runtime.workspaceId, runtime.name, runtime.registeredAt);
  }
}
