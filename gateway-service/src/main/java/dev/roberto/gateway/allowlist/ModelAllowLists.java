package dev.roberto.gateway.allowlist;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.roberto.common.problem.ProblemException;
import dev.roberto.common.readmodel.KnownAgent;
import dev.roberto.gateway.config.GatewayConfig;
import dev.roberto.gateway.provider.Providers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Keeps the per-agent model allow-lists in PostgreSQL and serves them to gateway calls from a short
 * cache. A change made on this replica clears its cache entry at once. Other replicas read the
 * database again when their entry expires, so a change takes effect on every replica within the
 * cache TTL ({@code roberto.gateway.model-allow-lists.cache-ttl}).
 */
@ApplicationScoped
public class ModelAllowLists {

  static final String UNKNOWN_MODEL = "unknown_model";

  /** Bounds the cache's memory: past it, Caffeine evicts the entries used least. */
  private static final long MAX_CACHED_AGENTS = 50_000;

  private final Providers providers;
  private final Cache<String, ModelAllowList> cache;

  public ModelAllowLists(Providers providers, GatewayConfig config) {
    this.providers = providers;
    this.cache =
        Caffeine.newBuilder()
            .expireAfterWrite(config.modelAllowLists().cacheTtl())
            .maximumSize(MAX_CACHED_AGENTS)
            .build();
  }

  /** Returns the agent's allow-list from the cache, or null when no fresh entry is there. */
  public ModelAllowList cached(String agentId) {
    return cache.getIfPresent(agentId);
  }

  /** Returns the models the agent may use, from the cache while its entry is fresh. */
  public Uni<ModelAllowList> forAgent(String agentId) {
    ModelAllowList cached = cache.getIfPresent(agentId);
    if (cached != null) {
      return Uni.createFrom().item(cached);
    }
    return Panache.withSession(() -> AllowedModel.listForAgent(agentId))
        .map(ModelAllowLists::toAllowList)
        .invoke(allowList -> cache.put(agentId, allowList));
  }

  /** Returns the agent's allow-list as stored, read from the database. */
  public Uni<ModelAllowListView> view(String agentId) {
    return Panache.withSession(() -> AllowedModel.listForAgent(agentId))
        .map(rows -> toView(agentId, rows));
  }

  /**
   * Replaces the agent's allow-list with the models, or removes it when the list is empty. Fails
   * with 422 {@code unknown_model} when a name is served by no configured provider.
   */
  public Uni<ModelAllowListView> replace(KnownAgent agent, List<String> models, String setBy) {
    Set<String> requested = new TreeSet<>(models);
    if (requested.isEmpty()) {
      return remove(agent).chain(() -> view(agent.agentId));
    }
    List<String> unknown = requested.stream().filter(this::notServed).toList();
    if (!unknown.isEmpty()) {
      return Uni.createFrom().failure(unknownModels(unknown));
    }
    Instant now = Instant.now();
    List<AllowedModel> rows =
        requested.stream().map(model -> newRow(agent, model, now, setBy)).toList();
    return Panache.withTransaction(
            () ->
                lockAgent(agent.agentId)
                    .chain(() -> AllowedModel.deleteForAgent(agent.agentId))
                    .chain(() -> AllowedModel.persist(rows)))
        .invoke(
            () -> {
              cache.invalidate(agent.agentId);
              Log.infof(
                  "Set the model allow-list of agent %s to %d models", agent.agentId, rows.size());
            })
        .replaceWith(() -> toView(agent.agentId, rows));
  }

  /** Removes the agent's allow-list, so that it may use every configured model again. */
  public Uni<Void> remove(KnownAgent agent) {
    return Panache.withTransaction(
            () -> lockAgent(agent.agentId).chain(() -> AllowedModel.deleteForAgent(agent.agentId)))
        .invoke(
            removed -> {
              cache.invalidate(agent.agentId);
              if (removed > 0) {
                Log.infof("Removed the model allow-list of agent %s", agent.agentId);
              }
            })
        .replaceWithVoid();
  }

  /** Serializes changes of one agent's list, so that two replacements cannot interleave. */
  private static Uni<KnownAgent> lockAgent(String agentId) {
    return KnownAgent.findById(agentId, LockModeType.PESSIMISTIC_WRITE);
  }

  private boolean notServed(String model) {
    return !providers.models().contains(model);
  }

  private static AllowedModel newRow(KnownAgent agent, String model, Instant now, String setBy) {
    AllowedModel row = new AllowedModel();
    row.id = new AllowedModel.Key(agent.agentId, model);
    row.workspaceId = agent.workspaceId;
    row.allowedAt = now;
    row.allowedBy = setBy;
    return row;
  }

  private static ModelAllowList toAllowList(List<AllowedModel> rows) {
    if (rows.isEmpty()) {
      return ModelAllowList.UNRESTRICTED;
    }
    return new ModelAllowList(rows.stream().map(row -> row.id.model()).collect(Collectors.toSet()));
  }

  private ModelAllowListView toView(String agentId, List<AllowedModel> rows) {
    if (rows.isEmpty()) {
      return new ModelAllowListView(agentId, false, List.copyOf(providers.models()), null, null);
    }
    AllowedModel latest = rows.stream().max(Comparator.comparing(row -> row.allowedAt)).get();
    List<String> models = rows.stream().map(row -> row.id.model()).sorted().toList();
    return new ModelAllowListView(agentId, true, models, latest.allowedAt, latest.allowedBy);
  }

  private ProblemException unknownModels(List<String> unknown) {
    return new ProblemException(
            422,
            UNKNOWN_MODEL,
            "Unknown model",
            "No configured provider serves " + String.join(", ", unknown) + ".",
            "Choose among the configured models: " + String.join(", ", providers.models()) + ".")
        .with("models", unknown);
  }
}
