package dev.roberto.runtime.runtime;

import java.time.Instant;
import java.util.UUID;

/**
 * The response to a registration: the runtime and its credential, whose secret is shown only here.
 */
public record RegisteredRuntime(
    UUID id,
    UUID workspaceId,
    String name,
    Instant registeredAt,
    String credentialClientId,
    IssuedCredential credential) {

  static RegisteredRuntime of(Runtime runtime, IssuedCredential credential) {
    return new RegisteredRuntime(
        runtime.id,
        runtime.workspaceId,
        runtime.name,
        runtime.registeredAt,
        runtime.credentialClientId,
        credential);
  }
}
