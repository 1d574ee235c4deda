package dev.roberto.runtime.update;

import dev.roberto.common.problem.ProblemException;
import dev.roberto.runtime.grant.GrantRedemption;
import dev.roberto.runtime.grant.GrantRequirement;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Accepts the apply of one update of a current decision. It needs the person's approval and a grant
 * for exactly this runtime, component, channel and target version, which the apply redeems in the
 * same transaction that marks the update approved.
 */
@ApplicationScoped
public class UpdateApplier {

  private static final String CHECK_AGAIN = "Run `roberto runtime check-updates` again.";

  private final GrantRedemption grants;
  private final UpdateStateBook states;
  private final UpdateChecker checker;

  public UpdateApplier(GrantRedemption grants, UpdateStateBook states, UpdateChecker checker) {
    this.grants = grants;
    this.states = states;
    this.checker = checker;
  }

  public Uni<ApplyAccepted> apply(
      UUID workspaceId, UUID runtimeId, UUID decisionId, ApplyUpdate request, URI requestBase) {
    Instant now = Instant.now();
    return Panache.withTransaction(
        () ->
            RegisteredRuntimes.lock(workspaceId, runtimeId)
                .chain(() -> Decisions.current(workspaceId, runtimeId, decisionId, now))
                .chain(
                    decision ->
                        itemOf(decision, request.agentId())
                            .chain(item -> accept(decision, item, request, now))
                            .chain(item -> acceptedView(decision, item, requestBase))));
  }

  private Uni<DecisionItem> accept(
      UpdateDecision decision, DecisionItem item, ApplyUpdate request, Instant now) {
    if (!Boolean.TRUE.equals(request.approved())) {
      return Uni.createFrom().failure(approvalRequired(item));
    }
    if (!item.offersUpdate()) {
      return Uni.createFrom().failure(noUpdate(item));
    }
    if (request.grantToken() == null || request.grantToken().isBlank()) {
      return Uni.createFrom().failure(grantMissing(item));
    }
    GrantRequirement requirement =
        new GrantRequirement(
            decision.runtimeId, item.agentId, item.channel, item.targetVersion, item.rollback);
    return states
        .find(decision.workspaceId, decision.runtimeId, item.agentId)
        .chain(
            state ->
                grants
                    .check(decision.workspaceId, request.grantToken(), requirement)
                    .invoke(grant -> refuseRepeat(state, item))
                    .call(grant -> grants.redeem(grant, decision.id, requirement))
                    .invoke(grant -> states.recordApply(state, item, grant.id, now)))
        .replaceWith(item);
  }

  /** Refuses a second apply of an update that is in progress or already succeeded. */
  private static void refuseRepeat(UpdateState state, DecisionItem item) {
    boolean sameTarget = item.targetVersion.equals(state.applyTargetVersion);
    boolean runningOrDone =
        UpdateStates.IN_PROGRESS.contains(state.state)
            || UpdateStates.SUCCEEDED.equals(state.state);
    if (sameTarget && runningOrDone) {
      throw new ProblemException(
          409,
          "update_already_applied",
          "Update already applied",
          "The update of "
              + describe(item)
              + " to "
              + item.targetVersion
              + " was accepted at "
              + state.applyStartedAt
              + " and is "
              + state.state
              + ".",
          "Report its progress, or once it succeeded run `roberto runtime check-updates` with the"
              + " new version.");
    }
  }

  private Uni<ApplyAccepted> acceptedView(
      UpdateDecision decision, DecisionItem item, URI requestBase) {
    return checker
        .viewOf(decision, List.of(item), requestBase)
        .map(
            view -> {
              DecisionView.ItemView update =
                  item.agentId == null ? view.runtime() : view.agents().get(0);
              return new ApplyAccepted(decision.id, UpdateStates.APPROVED, update);
            });
  }

  private static Uni<DecisionItem> itemOf(UpdateDecision decision, String agentId) {
    String query =
        agentId == null
            ? "decisionId = ?1 and agentId is null"
            : "decisionId = ?1 and agentId = ?2";
    Object[] parameters =
        agentId == null ? new Object[] {decision.id} : new Object[] {decision.id, agentId};
    return DecisionItem.<DecisionItem>find(query, parameters)
        .firstResult()
        .map(
            item -> {
              if (item == null) {
                throw new ProblemException(
                    404,
                    "update_not_in_decision",
                    "Not in the decision",
                    "Decision " + decision.id + " has nothing for agent " + agentId + ".",
                    "Report the agent in check-updates, then apply the new decision.");
              }
              return item;
            });
  }

  private static ProblemException approvalRequired(DecisionItem item) {
    return new ProblemException(
        403,
        "approval_required",
        "Approval required",
        "Applying the update of " + describe(item) + " needs approved=true.",
        "Review the update, then run `roberto runtime apply --approve --grant-token <token>`.");
  }

  private static ProblemException noUpdate(DecisionItem item) {
    return new ProblemException(
        409,
        "no_update_available",
        "No update available",
        "The decision offers no update for " + describe(item) + ".",
        CHECK_AGAIN);
  }

  private static ProblemException grantMissing(DecisionItem item) {
    return new ProblemException(
        403,
        "grant_mismatch",
        "Grant does not match",
        "The apply carries no grant token for " + describe(item) + ".",
        "Ask a workspace admin for a grant (`roberto runtime grant`) and pass it with"
            + " --grant-token.");
  }

  static String describe(DecisionItem item) {
    return item.agentId == null ? "the runtime" : "agent " + item.agentId;
  }
}
