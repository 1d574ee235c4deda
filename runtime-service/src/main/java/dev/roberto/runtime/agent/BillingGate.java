package dev.roberto.runtime.agent;

import dev.roberto.common.problem.ProblemException;
import dev.roberto.common.readmodel.WorkspaceBilling;
import dev.roberto.common.readmodel.WorkspaceBillingView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Checks the workspace's entitlements from its newest {@code billing-synced} snapshot before an
 * agent is provisioned or started. A workspace whose snapshot has not arrived yet is refused, as
 * gateway-service refuses it: billing publishes the first snapshot when it first handles a request
 * or event of the workspace, and {@code roberto billing status} is such a first contact.
 */
@ApplicationScoped
public class BillingGate {

  static final String BILLING_INACTIVE = "billing_inactive";

  private final WorkspaceBillingView billing;

  public BillingGate(WorkspaceBillingView billing) {
    this.billing = billing;
  }

  /** Fails with 402 {@code billing_inactive} unless the workspace may provision agents. */
  public Uni<Void> requireProvision(UUID workspaceId) {
    return billing
        .find(workspaceId.toString())
        .invoke(
            snapshot -> {
              if (snapshot == null || !snapshot.mayProvision) {
                throw refused(workspaceId, snapshot, "provision agents");
              }
            })
        .replaceWithVoid();
  }

  /** Fails with 402 {@code billing_inactive} unless the workspace may start agents. */
  public Uni<Void> requireStart(UUID workspaceId) {
    return billing
        .find(workspaceId.toString())
        .invoke(
            snapshot -> {
              if (snapshot == null || !snapshot.mayStart) {
                throw refused(workspaceId, snapshot, "start agents");
              }
            })
        .replaceWithVoid();
  }

  private static ProblemException refused(
      UUID workspaceId, WorkspaceBilling snapshot, String action) {
    String detail =
        snapshot == null
            ? "No billing status of workspace " + workspaceId + " has reached runtime-service yet."
            : "The billing of workspace " + workspaceId + " does not allow it to " + action + ".";
    return new ProblemException(
        402, BILLING_INACTIVE, "Billing inactive", detail, "Run `roberto billing status`.");
  }
}
