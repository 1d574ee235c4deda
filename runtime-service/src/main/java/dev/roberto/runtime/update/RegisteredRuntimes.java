package dev.roberto.runtime.update;

import dev.roberto.common.problem.ProblemException;
import dev.roberto.runtime.runtime.Runtime;
import dev.roberto.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;
import java.util.UUID;

/**
 * The runtime behind a runtime access token. Update operations lock its row, so the checks, applies
 * and progress reports of one runtime run one after another on every replica.
 */
final class RegisteredRuntimes {

  private RegisteredRuntimes() {}

  /** Returns the runtime id of the caller's runtime token. */
  static UUID runtimeIdOf(Caller caller) {
    String claim = caller.runtimeId();
    try {
      return UUID.fromString(claim);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw notRegistered(claim);
    }
  }

  /** Locks the runtime's row for the caller's transaction, or fails when it is not registered. */
  static Uni<Void> lock(UUID workspaceId, UUID runtimeId) {
    return Runtime.<Runtime>find("id = ?1 and workspaceId = ?2", runtimeId, workspaceId)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResult()
        .map(
            runtime -> {
              if (runtime == null) {
                throw notRegistered(runtimeId.toString());
              }
              return null;
            });
  }

  private static ProblemException notRegistered(String runtimeId) {
    return new ProblemException(
        404,
        "runtime_not_found",
        "Runtime not found",
        "No runtime " + runtimeId + " is registered in the token's workspace.",
        "Register the runtime with `roberto runtime register` and use the credential it prints.");
  }
}
