package dev.roberto.runtime.update;

import dev.roberto.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.UUID;

/** Looks up a runtime's decisions; each method runs in the caller's session. */
final class Decisions {

  private static final String CHECK_AGAIN =
      "Run `roberto runtime check-updates` again and apply the new decision.";

  private Decisions() {}

  /** Returns the runtime's decision, or null when the runtime has no such decision. */
  static Uni<UpdateDecision> find(UUID workspaceId, UUID runtimeId, UUID decisionId) {
    return UpdateDecision.<UpdateDecision>find(
            "id = ?1 and workspaceId = ?2 and runtimeId = ?3", decisionId, workspaceId, runtimeId)
        .firstResult();
  }

  /**
   * Returns the runtime's decision if it is current, else fails with decision_not_found,
   * decision_superseded or decision_expired.
   */
  static Uni<UpdateDecision> current(
      UUID workspaceId, UUID runtimeId, UUID decisionId, Instant now) {
    return find(workspaceId, runtimeId, decisionId)
        .map(
            decision -> {
              if (decision == null) {
                throw new ProblemException(
                    404,
                    "decision_not_found",
                    "Decision not found",
                    "This runtime has no decision " + decisionId + ".",
                    CHECK_AGAIN);
              }
              if (decision.supersededAt != null) {
                throw new ProblemException(
                    409,
                    "decision_superseded",
                    "Decision superseded",
                    "A later check-updates of this runtime replaced decision " + decisionId + ".",
                    CHECK_AGAIN);
              }
              if (!decision.expiresAt.isAfter(now)) {
                throw new ProblemException(
                    410,
                    "decision_expired",
                    "Decision expired",
                    "Decision " + decisionId + " expired at " + decision.expiresAt + ".",
                    CHECK_AGAIN);
              }
              return decision;
            });
  }
}
