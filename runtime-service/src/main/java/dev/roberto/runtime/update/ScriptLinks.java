package dev.roberto.runtime.update;

import dev.roberto.runtime.config.UpdatesConfig;
import dev.roberto.runtime.release.ScriptInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;

/** Builds the signed script URLs of a decision. */
@ApplicationScoped
public class ScriptLinks {

  private final ScriptUrlSigner signer;
  private final UpdatesConfig config;

  public ScriptLinks(ScriptUrlSigner signer, UpdatesConfig config) {
    this.signer = signer;
    this.config = config;
  }

  /**
   * Returns a link per script, valid for the decision's runtime until the decision expires.
   *
   * @param requestBase the base URI of the runtime's request, used when no public URL is set
   */
  public List<DecisionView.ScriptLink> linksFor(
      URI requestBase, UpdateDecision decision, List<ScriptInfo> scripts) {
    String base = stripTrailingSlash(config.publicUrl().orElse(requestBase.toString()));
    return scripts.stream()
        .map(
            script ->
                new DecisionView.ScriptLink(
                    script.name(),
                    script.sha256(),
                    script.sizeBytes(),
                    url(base, decision, script)))
        .toList();
  }

  private String url(String base, UpdateDecision decision, ScriptInfo script) {
    String signature =
        signer.sign(decision.runtimeId, decision.id, script.id(), decision.expiresAt);
    return base
        + "/api/runtime/decisions/"
        + decision.id
        + "/scripts/"
        + script.id()
        + "?expires="
        + decision.expiresAt.getEpochSecond()
        + "&signature="
        + signature;
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
