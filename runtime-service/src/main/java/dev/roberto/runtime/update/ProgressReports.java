package dev.roberto.runtime.update;

import dev.roberto.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Records the progress a runtime reports for an accepted apply: downloading, applying, then
 * succeeded or failed. A report that repeats the current state changes nothing, so a runtime may
 * send one again after a lost response.
 */
@ApplicationScoped
public class ProgressReports {

  private static final int MAX_ERROR_LENGTH = 2000;

  private final UpdateStateBook states;

  public ProgressReports(UpdateStateBook states) {
    this.states = states;
  }

  public Uni<UpdateStatusView> report(
      UUID workspaceId, UUID runtimeId, UUID decisionId, ReportProgress report) {
    Instant now = Instant.now();
    return Panache.withTransaction(
        () ->
            RegisteredRuntimes.lock(workspaceId, runtimeId)
                .chain(() -> states.find(workspaceId, runtimeId, report.agentId()))
                .map(
                    state -> {
                      if (state == null || !decisionId.equals(state.applyDecisionId)) {
                        throw notAccepted(decisionId, report.agentId());
                      }
                      record(state, report, now);
                      return UpdateStatusView.of(state);
                    }));
  }

  private static void record(UpdateState state, ReportProgress report, Instant now) {
    String reported = report.state();
    if (reported.equals(state.state)) {
      return;
    }
    if (!UpdateStates.IN_PROGRESS.contains(state.state)) {
      throw outOfOrder(state, reported);
    }
    switch (reported) {
      case UpdateStates.DOWNLOADING, UpdateStates.APPLYING -> {
        if (UpdateStates.progressRank(reported) < UpdateStates.progressRank(state.state)) {
          throw outOfOrder(state, reported);
        }
      }
      case UpdateStates.SUCCEEDED -> {
        state.currentVersion = state.applyTargetVersion;
        state.lastError = null;
        state.applyFinishedAt = now;
      }
      case UpdateStates.FAILED -> {
        state.lastError = errorOf(report);
        state.applyFinishedAt = now;
      }
      default -> throw new IllegalArgumentException("Unknown progress state " + reported);
    }
    state.state = reported;
    state.updatedAt = now;
  }

  private static String errorOf(ReportProgress report) {
    String message =
        report.message() == null || report.message().isBlank() ? "failed" : report.message();
    String error =
        report.exitCode() == null ? message : "exit code " + report.exitCode() + ": " + message;
    return error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
  }

  private static ProblemException notAccepted(UUID decisionId, String agentId) {
    return new ProblemException(
        409,
        "update_not_approved",
        "Update not approved",
        "No apply of decision "
            + decisionId
            + " was accepted for "
            + (agentId == null ? "the runtime" : "agent " + agentId)
            + ".",
        "Apply the update first: `roberto runtime apply --approve --grant-token <token>`.");
  }

  private static ProblemException outOfOrder(UpdateState state, String reported) {
    return new ProblemException(
        409,
        "progress_out_of_order",
        "Progress out of order",
        "The update is " + state.state + "; it cannot become " + reported + ".",
        "Report downloading, applying, then succeeded or failed, in that order.");
  }
}
