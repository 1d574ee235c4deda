package dev.roberto.runtime.update;

import dev.roberto.runtime.config.UpdatesConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Keeps {@link UpdateState} per workspace, runtime and component. Every method runs in the caller's
 * transaction, after the caller locked the runtime's row.
 */
@ApplicationScoped
public class UpdateStateBook {

  private final UpdatesConfig config;

  public UpdateStateBook(UpdatesConfig config) {
    this.config = config;
  }

  /** Records what a check reported and offered, without disturbing an apply in progress. */
  public Uni<Void> recordCheck(UpdateDecision decision, List<DecisionItem> items, Instant now) {
    return UpdateState.<UpdateState>list(
            "workspaceId = ?1 and runtimeId = ?2", decision.workspaceId, decision.runtimeId)
        .chain(
            existing -> {
              Map<String, UpdateState> byAgent = new HashMap<>();
              existing.forEach(state -> byAgent.put(keyOf(state.agentId), state));
              List<UpdateState> created = new ArrayList<>();
              for (DecisionItem item : items) {
                UpdateState state = byAgent.get(keyOf(item.agentId));
                if (state == null) {
                  state = newState(decision, item);
                  created.add(state);
                }
                applyCheck(state, decision, item, now);
              }
              // Panache rejects persisting an empty list.
              return created.isEmpty() ? Uni.createFrom().voidItem() : UpdateState.persist(created);
            });
  }

  /** Returns the state of one component of the runtime, or null if it was never reported. */
  public Uni<UpdateState> find(UUID workspaceId, UUID runtimeId, String agentId) {
    String query =
        agentId == null
            ? "workspaceId = ?1 and runtimeId = ?2 and agentId is null"
            : "workspaceId = ?1 and runtimeId = ?2 and agentId = ?3";
    Object[] parameters =
        agentId == null
            ? new Object[] {workspaceId, runtimeId}
            : new Object[] {workspaceId, runtimeId, agentId};
    return UpdateState.<UpdateState>find(query, parameters).firstResult();
  }

  /** Marks an accepted apply: the runtime may now download and run the scripts. */
  public void recordApply(UpdateState state, DecisionItem item, UUID grantId, Instant now) {
    state.state = UpdateStates.APPROVED;
    state.targetVersion = item.targetVersion;
    state.applyDecisionId = item.decisionId;
    state.applyTargetVersion = item.targetVersion;
    state.applyGrantId = grantId;
    state.applyStartedAt = now;
    state.applyFinishedAt = null;
    state.updatedAt = now;
  }

  private void applyCheck(
      UpdateState state, UpdateDecision decision, DecisionItem item, Instant now) {
    if (UpdateStates.IN_PROGRESS.contains(state.state)
        && state.applyStartedAt.plus(config.applyTimeout()).isBefore(now)) {
      state.state = UpdateStates.FAILED;
      state.lastError =
          "The apply did not finish within " + config.applyTimeout() + "; counted as failed.";
      state.applyFinishedAt = now;
    }
    state.currentVersion = item.currentVersion;
    state.lastCheckAt = now;
    state.lastDecisionId = decision.id;
    state.updatedAt = now;
    if (UpdateStates.IN_PROGRESS.contains(state.state)) {
      return;
    }
    state.channel = item.channel;
    state.targetVersion = item.targetVersion;
    boolean finishedThisTarget =
        (UpdateStates.SUCCEEDED.equals(state.state) || UpdateStates.FAILED.equals(state.state))
            && item.targetVersion.equals(state.applyTargetVersion);
    if (!item.offersUpdate()) {
      state.state = UpdateStates.UP_TO_DATE;
    } else if (!finishedThisTarget) {
      // A succeeded or failed apply of this target stays visible until the runtime reports the
      // new version or is offered another one.
      state.state = UpdateStates.AVAILABLE;
    }
  }

  private static UpdateState newState(UpdateDecision decision, DecisionItem item) {
    UpdateState state = new UpdateState();
    state.id = UUID.randomUUID();
    state.workspaceId = decision.workspaceId;
    state.runtimeId = decision.runtimeId;
    state.agentId = item.agentId;
    state.state = UpdateStates.UP_TO_DATE;
    return state;
  }

  private static String keyOf(String agentId) {
    return Objects.requireNonNullElse(agentId, "");
  }
}
