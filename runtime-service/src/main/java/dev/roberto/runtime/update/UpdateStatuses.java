package dev.roberto.runtime.update;

import dev.roberto.common.problem.ProblemException;
import dev.roberto.runtime.runtime.Runtime;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Reads the update state of agents and runtimes for the people of a workspace. */
@ApplicationScoped
public class UpdateStatuses {

  /**
   * Returns the agent's update state from the runtime that reported it last. An agent id is what
   * runtimes report in check-updates.
   */
  public Uni<UpdateStatusView> ofAgent(UUID workspaceId, String agentId) {
    return Panache.withSession(
        () ->
            UpdateState.<UpdateState>find(
                    "workspaceId = ?1 and agentId = ?2 order by lastCheckAt desc",
                    workspaceId,
                    agentId)
                .firstResult()
                .map(
                    state -> {
                      if (state == null) {
                        throw new ProblemException(
                            404,
                            "update_status_not_found",
                            "No update status",
                            "No runtime of the workspace has reported agent "
                                + agentId
                                + " in check-updates.",
                            "Check the agent id; its runtime reports it at its next"
                                + " `roberto runtime check-updates`.");
                      }
                      return UpdateStatusView.of(state);
                    }));
  }

  /** Returns the update state of the runtime itself and of each agent it reported. */
  public Uni<List<UpdateStatusView>> ofRuntime(UUID workspaceId, UUID runtimeId) {
    return Panache.withSession(
        () ->
            Runtime.count("id = ?1 and workspaceId = ?2", runtimeId, workspaceId)
                .chain(
                    count -> {
                      if (count == 0) {
                        throw new ProblemException(
                            404,
                            "runtime_not_found",
                            "Runtime not found",
                            "The workspace has no runtime " + runtimeId + ".",
                            "Run `roberto runtime list` to see the registered runtimes.");
                      }
                      return UpdateState.<UpdateState>list(
                          "workspaceId = ?1 and runtimeId = ?2" + " order by agentId nulls first",
                          workspaceId,
                          runtimeId);
                    })
                .map(states -> states.stream().map(UpdateStatusView::of).toList()));
  }
}
