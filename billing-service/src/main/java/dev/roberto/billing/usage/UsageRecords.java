package dev.roberto.billing.usage;

import dev.roberto.events.UsageRecorded;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Stores the usage rows of one workspace's batch of events in one statement, inside the caller's
 * transaction.
 */
@ApplicationScoped
public class UsageRecords {

  // Each column is one array parameter, so every batch runs the same statement. Times travel as
  // ISO-8601 text, which PostgreSQL reads as timestamptz.
  private static final String STORE_ALL =
      "INSERT INTO usage_record (event_id, workspace_id, agent_id, source, provider, model,"
          + " input_tokens, output_tokens, cached_tokens, cost_micros, occurred_at)"
          + " SELECT usage.event_id, :workspaceId, usage.agent_id, usage.source, usage.provider,"
          + " usage.model, usage.input_tokens, usage.output_tokens, usage.cached_tokens,"
          + " usage.cost_micros, CAST(usage.occurred_at AS timestamptz)"
          + " FROM unnest(CAST(:eventIds AS varchar[]), CAST(:agentIds AS varchar[]),"
          + " CAST(:sources AS varchar[]), CAST(:providers AS varchar[]),"
          + " CAST(:models AS varchar[]), CAST(:inputTokens AS int8[]),"
          + " CAST(:outputTokens AS int8[]), CAST(:cachedTokens AS int8[]),"
          + " CAST(:costs AS int8[]), CAST(:occurredAt AS varchar[]))"
          + " AS usage(event_id, agent_id, source, provider, model, input_tokens, output_tokens,"
          + " cached_tokens, cost_micros, occurred_at)";

  /** A usage event with the cost billing priced it at. */
  public record Priced(UsageRecorded usage, long costMicros) {}

  /** Stores one row per event; every event must belong to the workspace and be new. */
  public Uni<Void> storeAll(String workspaceId, List<Priced> batch) {
    int size = batch.size();
    String[] eventIds = new String[size];
    String[] agentIds = new String[size];
    String[] sources = new String[size];
    String[] providers = new String[size];
    String[] models = new String[size];
    Long[] inputTokens = new Long[size];
    Long[] outputTokens = new Long[size];
    Long[] cachedTokens = new Long[size];
    Long[] costs = new Long[size];
    String[] occurredAt = new String[size];

    for (int i = 0; i < size; i++) {
      UsageRecorded usage = batch.get(i).usage();
      eventIds[i] = usage.eventId();
      agentIds[i] = usage.agentId();
      sources[i] = usage.source();
      providers[i] = usage.provider();
      models[i] = usage.model();
      inputTokens[i] = usage.inputTokens();
      outputTokens[i] = usage.outputTokens();
      cachedTokens[i] = usage.cachedTokens();
      costs[i] = batch.get(i).costMicros();
      Instant occurred = usage.occurredAt() != null ? usage.occurredAt() : Instant.now();
      occurredAt[i] = occurred.toString();
    }

    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(STORE_ALL)
                    .setParameter("workspaceId", workspaceId)
                    .setParameter("eventIds", eventIds)
                    .setParameter("agentIds", agentIds)
                    .setParameter("sources", sources)
                    .setParameter("providers", providers)
                    .setParameter("models", models)
                    .setParameter("inputTokens", inputTokens)
                    .setParameter("outputTokens", outputTokens)
                    .setParameter("cachedTokens", cachedTokens)
                    .setParameter("costs", costs)
                    .setParameter("occurredAt", occurredAt)
                    .executeUpdate())
        .replaceWithVoid();
  }
}
