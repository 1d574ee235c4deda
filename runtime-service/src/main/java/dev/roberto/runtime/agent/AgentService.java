package dev.roberto.runtime.agent;

import dev.roberto.events.AgentChanged.Change;
import dev.roberto.runtime.runtime.RuntimeRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Provisions agents and moves them through their lifecycle: {@code stopped} after provisioning,
 * {@code running} after start, {@code stopped} again after stop, and {@code deleted} at the end.
 *
 * <p>Start and stop are idempotent: an agent already in the requested state is returned unchanged,
 * and nothing is published. A running agent must be stopped before it is deleted. Every change
 * raises the agent's version by one and publishes {@code agent-changed} through the outbox in the
 * same transaction. Changes of one agent lock its row, so they run one after another.
 */
@ApplicationScoped
public class AgentService {

  private final RuntimeRegistry runtimes;
  private final BillingGate billing;
  private final AgentEvents events;

  public AgentService(RuntimeRegistry runtimes, BillingGate billing, AgentEvents events) {
    this.runtimes = runtimes;
    this.billing = billing;
    this.events = events;
  }

  /** Provisions a stopped agent on a runtime of the workspace, if billing allows it. */
  public Uni<AgentView> provision(UUID workspaceId, String createdBy, ProvisionAgent request) {
    return Panache.withTransaction(
            () ->
                billing
                    .requireProvision(workspaceId)
                    .chain(() -> runtimes.requireInWorkspace(request.runtimeId(), workspaceId))
                    .chain(() -> requireNameFree(workspaceId, request.name()))
                    .chain(() -> insert(workspaceId, createdBy, request))
                    .call(agent -> events.changed(agent, Change.CREATED)))
        // Two provisions of one name at once: the unique index rejects the later one.
        .onFailure(ConstraintViolationException.class)
        .transform(e -> AgentProblems.nameTaken(request.name()))
        .invoke(agent -> logChange(agent, "provisioned"))
        .map(AgentView::of);
  }

  /**
   * Lists the live agents of the workspace by name, optionally only those of one runtime. A runtime
   * caller ({@code ownRuntime} not null) gets only its own runtime's agents.
   */
  public Uni<List<AgentView>> list(UUID workspaceId, String runtimeFilter, String ownRuntime) {
    return Panache.withSession(
            () -> {
              if (ownRuntime != null
                  && runtimeFilter != null
                  && !runtimeFilter.equals(ownRuntime)) {
                return Uni.createFrom().failure(RuntimeRegistry.runtimeNotFound(runtimeFilter));
              }
              String runtime = ownRuntime != null ? ownRuntime : runtimeFilter;
              if (runtime == null) {
                return Agent.<Agent>list(
                    "workspaceId = ?1 and state <> ?2 order by name",
                    workspaceId,
                    AgentState.DELETED);
              }
              return runtimeIdOf(runtime)
                  .call(runtimeId -> runtimes.requireInWorkspace(runtimeId, workspaceId))
                  .chain(
                      runtimeId ->
                          Agent.<Agent>list(
                              "workspaceId = ?1 and runtimeId = ?2 and state <> ?3 order by name",
                              workspaceId,
                              runtimeId,
                              AgentState.DELETED));
            })
        .map(agents -> agents.stream().map(AgentView::of).toList());
  }

  /** Returns a live agent of the workspace; a runtime caller finds only its own runtime's. */
  public Uni<AgentView> find(UUID workspaceId, String agentId, String ownRuntime) {
    return Panache.withSession(
        () ->
            idOf(agentId)
                .chain(id -> Agent.<Agent>findById(id))
                .map(
                    agent -> {
                      if (!isLiveIn(agent, workspaceId)
                          || (ownRuntime != null
                              && !agent.runtimeId.toString().equals(ownRuntime))) {
                        throw AgentProblems.notFound(agentId);
                      }
                      return AgentView.of(agent);
                    }));
  }

  /** Starts the agent if billing allows it; a running agent is returned unchanged. */
  public Uni<AgentView> start(UUID workspaceId, String agentId) {
    return Panache.withTransaction(
            () ->
                lockLive(workspaceId, agentId)
                    .chain(
                        agent -> {
                          if (agent.state == AgentState.RUNNING) {
                            return Uni.createFrom().item(agent);
                          }
                          return billing
                              .requireStart(workspaceId)
                              .chain(() -> change(agent, AgentState.RUNNING, Change.STATE_CHANGED));
                        }))
        .map(AgentView::of);
  }

  /** Stops the agent; a stopped agent is returned unchanged. */
  public Uni<AgentView> stop(UUID workspaceId, String agentId) {
    return Panache.withTransaction(
            () ->
                lockLive(workspaceId, agentId)
                    .chain(
                        agent -> {
                          if (agent.state == AgentState.STOPPED) {
                            return Uni.createFrom().item(agent);
                          }
                          return change(agent, AgentState.STOPPED, Change.STATE_CHANGED);
                        }))
        .map(AgentView::of);
  }

  /** Deletes a stopped agent; a running one is rejected with 409 {@code agent_running}. */
  public Uni<Void> delete(UUID workspaceId, String agentId) {
    return Panache.withTransaction(
            () ->
                lockLive(workspaceId, agentId)
                    .chain(
                        agent -> {
                          if (agent.state == AgentState.RUNNING) {
                            throw AgentProblems.running(agent);
                          }
                          return change(agent, AgentState.DELETED, Change.DELETED);
                        }))
        .replaceWithVoid();
  }

  private Uni<Agent> change(Agent agent, AgentState state, Change change) {
    agent.state = state;
    agent.version += 1;
    agent.changedAt = Instant.now();
    return events
        .changed(agent, change)
        .invoke(() -> logChange(agent, state.wireName()))
        .replaceWith(agent);
  }

  private static Uni<Agent> lockLive(UUID workspaceId, String agentId) {
    return idOf(agentId)
        .chain(id -> Agent.<Agent>findById(id, LockModeType.PESSIMISTIC_WRITE))
        .map(
            agent -> {
              if (!isLiveIn(agent, workspaceId)) {
                throw AgentProblems.notFound(agentId);
              }
              return agent;
            });
  }

  private static Uni<Void> requireNameFree(UUID workspaceId, String name) {
    return Agent.count(
            "workspaceId = ?1 and name = ?2 and state <> ?3", workspaceId, name, AgentState.DELETED)
        .invoke(
            existing -> {
              if (existing > 0) {
                throw AgentProblems.nameTaken(name);
              }
            })
        .replaceWithVoid();
  }

  private static Uni<Agent> insert(UUID workspaceId, String createdBy, ProvisionAgent request) {
    Agent agent = new Agent();
    agent.id = UUID.randomUUID();
    agent.workspaceId = workspaceId;
    agent.runtimeId = request.runtimeId();
    agent.name = request.name();
    agent.channel = request.channelOrDefault();
    agent.state = AgentState.STOPPED;
    agent.version = 1;
    agent.createdBy = createdBy;
    agent.createdAt = Instant.now();
    agent.changedAt = agent.createdAt;
    return agent.<Agent>persistAndFlush();
  }

  private static boolean isLiveIn(Agent agent, UUID workspaceId) {
    return agent != null
        && agent.workspaceId.equals(workspaceId)
        && agent.state != AgentState.DELETED;
  }

  /** Parses a path id; a value that is no UUID names no agent, so it gets the same 404. */
  private static Uni<UUID> idOf(String agentId) {
    try {
      return Uni.createFrom().item(UUID.fromString(agentId));
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().failure(AgentProblems.notFound(agentId));
    }
  }

  private static Uni<UUID> runtimeIdOf(String runtimeId) {
    try {
      return Uni.createFrom().item(UUID.fromString(runtimeId));
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().failure(RuntimeRegistry.runtimeNotFound(runtimeId));
    }
  }

  private static void logChange(Agent agent, String change) {
    Log.infof(
        "Agent %s (%s) of workspace %s %s, version %d",
        agent.id, agent.name, agent.workspaceId, change, agent.version);
  }
}
