package dev.roberto.runtime.update;

import dev.roberto.common.problem.ProblemCodes;
import dev.roberto.common.problem.ProblemException;
import dev.roberto.runtime.config.UpdatesConfig;
import dev.roberto.runtime.release.Component;
import dev.roberto.runtime.release.ReleaseCatalog;
import dev.roberto.runtime.release.ScriptInfo;
import dev.roberto.runtime.release.SemanticVersion;
import dev.roberto.runtime.release.SoftwareRelease;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Computes check-updates decisions: for the runtime and each agent it reports, the newest release
 * of its channel whose rollout includes the runtime. Each check supersedes the runtime's previous
 * decision and records the reported versions in the update state.
 */
@ApplicationScoped
public class UpdateChecker {

  private final ReleaseCatalog catalog;
  private final ScriptLinks links;
  private final UpdatesConfig config;
  private final UpdateStateBook states;

  public UpdateChecker(
      ReleaseCatalog catalog, ScriptLinks links, UpdatesConfig config, UpdateStateBook states) {
    this.catalog = catalog;
    this.links = links;
    this.config = config;
    this.states = states;
  }

  /** A component the runtime reported: the runtime itself ({@code agentId} null) or an agent. */
  private record Reported(Component component, String agentId, String version, String channel) {}

  public Uni<DecisionView> check(
      UUID workspaceId, UUID runtimeId, CheckUpdates request, URI requestBase) {
    List<Reported> reported = reportedComponents(request);
    Instant now = Instant.now();
    UpdateDecision decision = new UpdateDecision();
    decision.id = UUID.randomUUID();
    decision.workspaceId = workspaceId;
    decision.runtimeId = runtimeId;
    decision.createdAt = now;
    decision.expiresAt = now.plus(config.decisionLifetime());

    return Panache.withTransaction(
        () ->
            RegisteredRuntimes.lock(workspaceId, runtimeId)
                .chain(() -> supersedePrevious(workspaceId, runtimeId, now))
                .chain(() -> catalog.releasesOf(workspaceId))
                .map(releases -> itemsFor(decision, reported, releases))
                .call(items -> decision.persist().chain(() -> DecisionItem.persist(items)))
                .call(items -> states.recordCheck(decision, items, now))
                .chain(items -> viewOf(decision, items, requestBase)));
  }

  /** Returns the decision with fresh script links. Runs in the caller's session. */
  Uni<DecisionView> viewOf(UpdateDecision decision, List<DecisionItem> items, URI requestBase) {
    Set<UUID> releaseIds =
        items.stream()
            .map(item -> item.releaseId)
            .filter(Objects::nonNull)
            .collect(Collectors.toSet());
    return catalog
        .scriptsOf(releaseIds)
        .map(
            scripts -> {
              Map<UUID, List<ScriptInfo>> byRelease =
                  scripts.stream().collect(Collectors.groupingBy(ScriptInfo::releaseId));
              DecisionView.ItemView runtime = null;
              List<DecisionView.ItemView> agents = new ArrayList<>();
              for (DecisionItem item : items) {
                List<ScriptInfo> itemScripts =
                    item.releaseId == null
                        ? List.of()
                        : byRelease.getOrDefault(item.releaseId, List.of());
                DecisionView.ItemView view =
                    itemView(item, links.linksFor(requestBase, decision, itemScripts));
                if (item.agentId == null) {
                  runtime = view;
                } else {
                  agents.add(view);
                }
              }
              return new DecisionView(
                  decision.id,
                  decision.runtimeId,
                  decision.createdAt,
                  decision.expiresAt,
                  runtime,
                  agents);
            });
  }

  static DecisionView.ItemView itemView(DecisionItem item, List<DecisionView.ScriptLink> scripts) {
    return new DecisionView.ItemView(
        item.component,
        item.agentId,
        item.channel,
        item.currentVersion,
        item.targetVersion,
        item.offersUpdate(),
        item.approvalRequired,
        item.rollback,
        item.releaseId,
        scripts);
  }

  private static Uni<Void> supersedePrevious(UUID workspaceId, UUID runtimeId, Instant now) {
    return UpdateDecision.update(
            "supersededAt = ?1 where workspaceId = ?2 and runtimeId = ?3 and supersededAt is null",
            now,
            workspaceId,
            runtimeId)
        .replaceWithVoid();
  }

  private static List<DecisionItem> itemsFor(
      UpdateDecision decision, List<Reported> reported, List<SoftwareRelease> releases) {
    List<DecisionItem> items = new ArrayList<>();
    for (Reported component : reported) {
      Optional<SoftwareRelease> offered =
          ReleaseCatalog.offered(
              releases, component.component(), component.channel(), decision.runtimeId);
      items.add(itemFor(decision.id, component, offered));
    }
    return items;
  }

  /**
   * Returns the decision item of one component. An offered release newer than the installed version
   * is an update; an older one is a rollback, which needs a grant issued as one.
   */
  private static DecisionItem itemFor(
      UUID decisionId, Reported component, Optional<SoftwareRelease> offered) {
    DecisionItem item = new DecisionItem();
    item.id = UUID.randomUUID();
    item.decisionId = decisionId;
    item.component = component.component().wireName();
    item.agentId = component.agentId();
    item.channel = component.channel();
    item.currentVersion = component.version();
    item.targetVersion = component.version();
    SemanticVersion installed = SemanticVersion.parse(component.version());
    if (offered.isPresent()) {
      SemanticVersion target = SemanticVersion.parse(offered.get().version);
      if (!target.equals(installed)) {
        item.targetVersion = offered.get().version;
        item.releaseId = offered.get().id;
        item.rollback = target.isOlderThan(installed);
      }
    }
    // Every update needs an approved apply with a grant; nothing to apply needs no approval.
    item.approvalRequired = item.offersUpdate();
    return item;
  }

  private static List<Reported> reportedComponents(CheckUpdates request) {
    List<Reported> reported = new ArrayList<>();
    reported.add(
        new Reported(
            Component.RUNTIME, null, request.runtime().version(), request.runtime().channel()));
    Set<String> agentIds = new HashSet<>();
    List<CheckUpdates.AgentInstalled> agents = request.agentsOrEmpty();
    for (int i = 0; i < agents.size(); i++) {
      CheckUpdates.AgentInstalled agent = agents.get(i);
      if (!agentIds.add(agent.agentId())) {
        throw duplicateAgent(i, agent.agentId());
      }
      reported.add(
          new Reported(Component.AGENT, agent.agentId(), agent.version(), agent.channel()));
    }
    return reported;
  }

  private static ProblemException duplicateAgent(int index, String agentId) {
    String field = "agents[" + index + "].agentId";
    return new ProblemException(
            422,
            ProblemCodes.VALIDATION_FAILED,
            "Validation failed",
            "Invalid values: " + field + ".",
            "Correct the fields listed in errors and send the request again.")
        .with(
            "errors",
            List.of(Map.of("field", field, "message", "reports agent " + agentId + " twice")));
  }
}
