package dev.roberto.runtime.grant;

import dev.roberto.common.hash.Sha256;
import dev.roberto.common.problem.ProblemCodes;
import dev.roberto.common.problem.ProblemException;
import dev.roberto.runtime.config.UpdatesConfig;
import dev.roberto.runtime.release.Component;
import dev.roberto.runtime.release.ReleaseCatalog;
import dev.roberto.runtime.runtime.Runtime;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Issues grants for one runtime, component, channel and target version, and lists them. */
@ApplicationScoped
public class GrantIssuer {

  private final ReleaseCatalog catalog;
  private final UpdatesConfig config;

  public GrantIssuer(ReleaseCatalog catalog, UpdatesConfig config) {
    this.catalog = catalog;
    this.config = config;
  }

  /** Issues a grant and returns it with its token, which is not stored and not shown again. */
  public Uni<GrantView> issue(UUID workspaceId, IssueGrant request, String issuedBy) {
    Duration lifetime = lifetimeOf(request);
    Component component = request.agentId() == null ? Component.RUNTIME : Component.AGENT;
    return Panache.withTransaction(
        () ->
            Runtime.count("id = ?1 and workspaceId = ?2", request.runtimeId(), workspaceId)
                .chain(
                    runtimes -> {
                      if (runtimes == 0) {
                        return Uni.createFrom().failure(runtimeNotFound(request.runtimeId()));
                      }
                      return catalog.exists(
                          workspaceId, component, request.channel(), request.targetVersion());
                    })
                .chain(
                    released -> {
                      if (!released) {
                        return Uni.createFrom().failure(releaseMissing(component, request));
                      }
                      String token = GrantTokens.generate();
                      UpdateGrant grant = newGrant(workspaceId, request, issuedBy, lifetime, token);
                      return grant.persist().map(ignored -> GrantView.of(grant, token));
                    }));
  }

  /** Lists the workspace's grants, newest first, without tokens. */
  public Uni<List<GrantView>> list(UUID workspaceId) {
    return Panache.withSession(
        () ->
            UpdateGrant.<UpdateGrant>list("workspaceId = ?1 order by issuedAt desc", workspaceId)
                .map(grants -> grants.stream().map(grant -> GrantView.of(grant, null)).toList()));
  }

  private Duration lifetimeOf(IssueGrant request) {
    if (request.expiresInSeconds() == null) {
      return config.grantDefaultLifetime();
    }
    Duration requested = Duration.ofSeconds(request.expiresInSeconds());
    if (requested.compareTo(config.grantMaxLifetime()) > 0) {
      throw new ProblemException(
              422,
              ProblemCodes.VALIDATION_FAILED,
              "Validation failed",
              "Invalid values: expiresInSeconds.",
              "Correct the fields listed in errors and send the request again.")
          .with(
              "errors",
              List.of(
                  Map.of(
                      "field",
                      "expiresInSeconds",
                      "message",
                      "must be at most " + config.grantMaxLifetime().toSeconds())));
    }
    return requested;
  }

  private static UpdateGrant newGrant(
      UUID workspaceId, IssueGrant request, String issuedBy, Duration lifetime, String token) {
    UpdateGrant grant = new UpdateGrant();
    grant.id = UUID.randomUUID();
    grant.workspaceId = workspaceId;
    grant.tokenSha256 = Sha256.hex(token);
    grant.runtimeId = request.runtimeId();
    grant.agentId = request.agentId();
    grant.channel = request.channel();
    grant.targetVersion = request.targetVersion();
    grant.rollback = Boolean.TRUE.equals(request.rollback());
    grant.issuedBy = issuedBy;
    grant.issuedAt = Instant.now();
    grant.expiresAt = grant.issuedAt.plus(lifetime);
    return grant;
  }

  private static ProblemException runtimeNotFound(UUID runtimeId) {
    return new ProblemException(
        404,
        "runtime_not_found",
        "Runtime not found",
        "The workspace has no runtime " + runtimeId + ".",
        "Run `roberto runtime list` to see the registered runtimes.");
  }

  private static ProblemException releaseMissing(Component component, IssueGrant request) {
    return new ProblemException(
        404,
        "release_not_found",
        "Release not found",
        "The workspace published no "
            + component.wireName()
            + " release "
            + request.targetVersion()
            + " on channel "
            + request.channel()
            + ".",
        "Grant a version that is published; list them with GET /api/runtime/releases.");
  }
}
