package dev.roberto.runtime.grant;

import dev.roberto.common.hash.Sha256;
import dev.roberto.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Checks a grant token against the update it should allow, and redeems it. Both run in the caller's
 * transaction: the redemption is one conditional UPDATE, so of two applies that present the same
 * grant at once exactly one succeeds.
 */
@ApplicationScoped
public class GrantRedemption {

  private static final String REFRESH_HINT =
      "Ask a workspace admin for a new grant: `roberto runtime grant --runtime %s%s --channel %s"
          + " --target-version %s%s`.";

  /**
   * Loads the grant of {@code token} in the workspace and checks it against the requirement, in
   * this order: match (grant_mismatch), unused (grant_used), unexpired (grant_expired), rollback
   * for a downgrade (downgrade_refused).
   */
  public Uni<UpdateGrant> check(UUID workspaceId, String token, GrantRequirement required) {
    String hash = Sha256.hex(token);
    return UpdateGrant.<UpdateGrant>find("workspaceId = ?1 and tokenSha256 = ?2", workspaceId, hash)
        .firstResult()
        .map(
            grant -> {
              if (grant == null) {
                throw mismatch("No grant with this token exists in the workspace.", required);
              }
              List<String> differences = differences(grant, required);
              if (!differences.isEmpty()) {
                throw mismatch(
                    "The grant is for another " + String.join(", ", differences) + ".", required);
              }
              if (grant.usedAt != null) {
                throw used(grant, required);
              }
              if (!grant.expiresAt.isAfter(Instant.now())) {
                throw expired(grant, required);
              }
              if (required.downgrade() && !grant.rollback) {
                throw downgradeRefused(required);
              }
              return grant;
            });
  }

  /** Marks the checked grant used by the decision; fails with grant_used if another apply won. */
  public Uni<Void> redeem(UpdateGrant grant, UUID decisionId, GrantRequirement required) {
    return UpdateGrant.update(
            "usedAt = ?1, usedDecision = ?2 where id = ?3 and usedAt is null",
            Instant.now(),
            decisionId,
            grant.id)
        .map(
            updated -> {
              if (updated != 1) {
                throw used(grant, required);
              }
              return null;
            });
  }

  private static List<String> differences(UpdateGrant grant, GrantRequirement required) {
    List<String> differences = new ArrayList<>();
    if (!grant.runtimeId.equals(required.runtimeId())) {
      differences.add("runtime");
    }
    if (!Objects.equals(grant.agentId, required.agentId())) {
      differences.add(grant.agentId == null ? "component (the runtime itself)" : "agent");
    }
    if (!grant.channel.equals(required.channel())) {
      differences.add("channel");
    }
    if (!grant.targetVersion.equals(required.targetVersion())) {
      differences.add("target version (" + grant.targetVersion + ")");
    }
    return differences;
  }

  private static ProblemException mismatch(String detail, GrantRequirement required) {
    return new ProblemException(
        403, "grant_mismatch", "Grant does not match", detail, newGrantHint(required));
  }

  private static ProblemException used(UpdateGrant grant, GrantRequirement required) {
    return new ProblemException(
        409,
        "grant_used",
        "Grant already used",
        (grant.usedAt == null
                ? "Another apply used the grant a moment ago"
                : "The grant was used at " + grant.usedAt)
            + "; a grant allows one apply.",
        newGrantHint(required));
  }

  private static ProblemException expired(UpdateGrant grant, GrantRequirement required) {
    return new ProblemException(
        403,
        "grant_expired",
        "Grant expired",
        "The grant expired at " + grant.expiresAt + ".",
        newGrantHint(required));
  }

  private static ProblemException downgradeRefused(GrantRequirement required) {
    return new ProblemException(
        403,
        "downgrade_refused",
        "Downgrade refused",
        "Version "
            + required.targetVersion()
            + " is older than the current version; a downgrade needs a grant issued as a"
            + " rollback.",
        newGrantHint(required));
  }

  private static String newGrantHint(GrantRequirement required) {
    return String.format(
        REFRESH_HINT,
        required.runtimeId(),
        required.agentId() == null ? "" : " --agent " + required.agentId(),
        required.channel(),
        required.targetVersion(),
        required.downgrade() ? " --rollback" : "");
  }
}
