package dev.roberto.runtime.update;

import dev.roberto.common.problem.ProblemException;
import dev.roberto.runtime.release.ReleaseScript;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Serves a script to the runtime of a current decision, through a URL that this service signed for
 * that runtime and decision and that has not expired.
 */
@ApplicationScoped
public class ScriptDownloads {

  private final ScriptUrlSigner signer;

  public ScriptDownloads(ScriptUrlSigner signer) {
    this.signer = signer;
  }

  /** A downloaded script. */
  public record Script(String name, String sha256, byte[] body) {}

  public Uni<Script> download(
      UUID workspaceId,
      UUID runtimeId,
      UUID decisionId,
      UUID scriptId,
      String expires,
      String signature) {
    Instant now = Instant.now();
    Instant expiresAt = expiryOf(expires);
    if (!signer.verify(runtimeId, decisionId, scriptId, expiresAt, signature)) {
      return Uni.createFrom()
          .failure(invalid("Its signature does not match this runtime, decision and script."));
    }
    if (!expiresAt.isAfter(now)) {
      return Uni.createFrom().failure(invalid("It expired at " + expiresAt + "."));
    }
    return Panache.withSession(
        () ->
            Decisions.find(workspaceId, runtimeId, decisionId)
                .chain(
                    decision -> {
                      if (decision == null || !decision.isCurrent(now)) {
                        throw invalid("Its decision is no longer current.");
                      }
                      return scriptOf(decision, scriptId);
                    }));
  }

  private static Uni<Script> scriptOf(UpdateDecision decision, UUID scriptId) {
    return ReleaseScript.<ReleaseScript>find(
            "id = ?1 and releaseId in (select i.releaseId from DecisionItem i"
                + " where i.decisionId = ?2)",
            scriptId,
            decision.id)
        .firstResult()
        .map(
            script -> {
              if (script == null) {
                throw invalid("The script is not part of its decision.");
              }
              return new Script(script.name, script.sha256, script.body);
            });
  }

  private static Instant expiryOf(String expires) {
    try {
      return Instant.ofEpochSecond(Long.parseLong(expires));
    } catch (NumberFormatException | NullPointerException | java.time.DateTimeException e) {
      throw invalid("Its expires parameter is missing or not a Unix time.");
    }
  }

  private static ProblemException invalid(String reason) {
    return new ProblemException(
        403,
        "script_url_invalid",
        "Script URL not valid",
        "The script URL is not valid for this runtime: " + reason,
        "Run `roberto runtime check-updates` again and download from the URLs of the new"
            + " decision.");
  }
}
