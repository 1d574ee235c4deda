package dev.roberto.webhook.usage;

import dev.roberto.common.db.BatchQueue;
import dev.roberto.webhook.agent.Agents;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what a delivery needs before it is stored, through the reactive SQL client: the live agent,
 * its workspace's signature setting and its signing secrets that are valid now, still encrypted.
 *
 * <p>Each delivery is looked up after it arrived. Deliveries that arrive while a lookup runs wait
 * for it to end and are then looked up together, with one statement for all their agents, so a busy
 * intake reads the database once per batch instead of once per delivery.
 */
@ApplicationScoped
public class IntakeLookup {

  private static final int MAX_BATCH = 200;

  // One row per valid secret, or one row with null secret columns for an agent without any.
  // The validity filter matches SigningSecret.isValidAt.
  private static final String FIND_AGENTS =
      "SELECT a.agent_id, a.workspace_id, a.deleted, coalesce(w.signatures_required, false),"
          + " s.secret_id, s.encrypted_secret"
          + " FROM known_agent a"
          + " LEFT JOIN workspace_webhook_setting w ON w.workspace_id = a.workspace_id"
          + " LEFT JOIN signing_secret s ON s.agent_id = a.agent_id AND s.revoked_at IS NULL"
          + " AND (s.expires_at IS NULL OR s.expires_at > $2)"
          + " WHERE a.agent_id = ANY($1)"
          + " ORDER BY a.agent_id, s.created_at";

  private final Pool pool;
  private final BatchQueue<Pending> queue =
      new BatchQueue<>("agent lookups", MAX_BATCH, this::lookUp);

  public IntakeLookup(Pool pool) {
    this.pool = pool;
  }

  /** A signing secret as stored: AES-GCM ciphertext with the secret id as associated data. */
  public record EncryptedSecret(String secretId, byte[] ciphertext) {}

  /** A live agent with its workspace setting and its valid signing secrets. */
  public record Agent(
      String agentId,
      String workspaceId,
      boolean workspaceRequiresSignatures,
      List<EncryptedSecret> validSecrets) {}

  private record Pending(String agentId, UniEmitter<? super Agent> emitter) {}

  /** Returns the live agent, or fails with 404 {@code unknown_agent}. */
  public Uni<Agent> requireLive(String agentId) {
    return Uni.createFrom().emitter(emitter -> queue.add(new Pending(agentId, emitter)));
  }

  /** Looks up the agents of the batch in one statement and completes each delivery's lookup. */
  private Uni<Void> lookUp(List<Pending> batch) {
    Set<String> agentIds = new LinkedHashSet<>();
    for (Pending pending : batch) {
      agentIds.add(pending.agentId());
    }
    OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
    return pool.preparedQuery(FIND_AGENTS)
        .execute(Tuple.of(agentIds.toArray(new String[0]), now))
        .map(IntakeLookup::toAgents)
        .onItemOrFailure()
        .invoke((agents, failure) -> complete(batch, agents, failure))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  private static void complete(List<Pending> batch, Map<String, Agent> agents, Throwable failure) {
    for (Pending pending : batch) {
      Agent agent = failure == null ? agents.get(pending.agentId()) : null;
      if (agent != null) {
        pending.emitter().complete(agent);
      } else {
        pending.emitter().fail(failure != null ? failure : Agents.unknown(pending.agentId()));
      }
    }
  }

  /** Collects the live agents of the rows. A deleted agent is left out, as an unknown one is. */
  private static Map<String, Agent> toAgents(RowSet<Row> rows) {
    Map<String, Agent> agents = new HashMap<>();
    for (Row row : rows) {
      if (row.getBoolean(2)) {
        continue;
      }
      String agentId = row.getString(0);
      Agent agent =
          agents.computeIfAbsent(
              agentId,
              id -> new Agent(id, row.getString(1), row.getBoolean(3), new ArrayList<>(2)));
      String secretId = row.getString(4);
      if (secretId != null) {
        agent.validSecrets().add(new EncryptedSecret(secretId, row.getBuffer(5).getBytes()));
      }
    }
    return agents;
  }
}
