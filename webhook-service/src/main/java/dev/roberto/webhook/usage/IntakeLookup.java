package dev.roberto.webhook.usage;

import dev.roberto.webhook.agent.Agents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what a delivery needs before it is stored, in one statement through the reactive SQL
 * client: the live agent, its workspace's signature setting and its signing secrets that are valid
 * now, still encrypted.
 */
@ApplicationScoped
public class IntakeLookup {

  // One row per valid secret, or one row with null secret columns when the agent has none.
  // The validity filter matches SigningSecret.isValidAt.
  private static final String FIND_AGENT =
      "SELECT a.workspace_id, a.deleted, coalesce(w.signatures_required, false),"
          + " s.secret_id, s.encrypted_secret"
          + " FROM known_agent a"
          + " LEFT JOIN workspace_webhook_setting w ON w.workspace_id = a.workspace_id"
          + " LEFT JOIN signing_secret s ON s.agent_id = a.agent_id AND s.revoked_at IS NULL"
          + " AND (s.expires_at IS NULL OR s.expires_at > $2)"
          + " WHERE a.agent_id = $1"
          + " ORDER BY s.created_at";

  private final Pool pool;

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

  /** Returns the live agent, or fails with 404 {@code unknown_agent}. */
  public Uni<Agent> requireLive(String agentId) {
    OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
    return pool.preparedQuery(FIND_AGENT)
        .execute(Tuple.of(agentId, now))
        .map(rows -> toAgent(agentId, rows));
  }

  private static Agent toAgent(String agentId, RowSet<Row> rows) {
    String workspaceId = null;
    boolean required = false;
    List<EncryptedSecret> secrets = new ArrayList<>(2);
    for (Row row : rows) {
      if (row.getBoolean(1)) {
        throw Agents.unknown(agentId);
      }
      workspaceId = row.getString(0);
      required = row.getBoolean(2);
      String secretId = row.getString(3);
      if (secretId != null) {
        secrets.add(new EncryptedSecret(secretId, row.getBuffer(4).getBytes()));
      }
    }
    if (workspaceId == null) {
      throw Agents.unknown(agentId);
    }
    return new Agent(agentId, workspaceId, required, secrets);
  }
}
