package dev.roberto.gateway.credential;

import dev.roberto.common.hash.Sha256;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Finds who a presented gateway token belongs to: its credential, the agent and the billing
 * snapshot of the agent's workspace, in one query. A token that admitted a call is kept in {@link
 * TokenOwnerCache} until something that admits calls changes in the database, which every replica
 * hears through {@link AdmissionChanges}.
 */
@ApplicationScoped
public class TokenOwners {

  private static final String FIND_BY_HASH =
      "SELECT c.credential_id, c.agent_id, c.last_used_at, c.expires_at, c.revoked_at,"
          + " a.workspace_id, a.deleted,"
          + " b.workspace_id AS billed_workspace_id, b.may_use_gateway,"
          + " b.credit_balance_micros, b.synced_at"
          + " FROM gateway_credential c"
          + " LEFT JOIN known_agent a ON a.agent_id = c.agent_id"
          + " LEFT JOIN workspace_billing b ON b.workspace_id = a.workspace_id"
          + " WHERE c.token_sha256 = $1";

  private static final String NOTE_LAST_USE =
      "UPDATE gateway_credential SET last_used_at = $2"
          + " WHERE credential_id = $1 AND (last_used_at IS NULL OR last_used_at < $3)";

  private final Pool pool;
  private final TokenOwnerCache cache;

  public TokenOwners(Pool pool, TokenOwnerCache cache) {
    this.pool = pool;
    this.cache = cache;
  }

  /**
   * The owner of a token that is valid now. {@code workspaceId} is null when the agent is unknown
   * or deleted, and {@code billed} is false when the workspace has no billing snapshot yet.
   */
  public record TokenOwner(
      String credentialId,
      String agentId,
      String workspaceId,
      boolean billed,
      boolean mayUseGateway,
      long creditBalanceMicros,
      Instant billingSyncedAt) {}

  /**
   * Returns the owner of the token, or null when no valid credential has it. Notes the time of use,
   * at most once a minute per token.
   */
  public Uni<TokenOwner> find(String token) {
    if (token == null || !token.startsWith(GatewayCredentials.TOKEN_PREFIX)) {
      return Uni.createFrom().nullItem();
    }
    String hash = Sha256.hex(token);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    TokenOwnerCache.Entry cached = cache.get(hash);
    if (cached != null) {
      return validOwner(hash, cached, now);
    }
    long mark = cache.mark();
    return pool.preparedQuery(FIND_BY_HASH)
        .execute(Tuple.of(hash))
        .chain(
            rows -> {
              RowIterator<Row> iterator = rows.iterator();
              if (!iterator.hasNext()) {
                return Uni.createFrom().nullItem();
              }
              Row row = iterator.next();
              if (row.getOffsetDateTime("revoked_at") != null) {
                return Uni.createFrom().nullItem();
              }
              TokenOwnerCache.Entry entry =
                  new TokenOwnerCache.Entry(
                      toOwner(row),
                      row.getOffsetDateTime("expires_at"),
                      row.getOffsetDateTime("last_used_at"));
              cache.put(hash, entry, mark);
              return validOwner(hash, entry, now);
            });
  }

  /** Returns the entry's owner while its token is valid, noting the use when it is due. */
  private Uni<TokenOwner> validOwner(String hash, TokenOwnerCache.Entry entry, OffsetDateTime now) {
    if (!entry.isValidAt(now)) {
      return Uni.createFrom().nullItem();
    }
    if (!entry.lastUseIsStaleAt(now)) {
      return Uni.createFrom().item(entry.owner());
    }
    cache.noteUse(hash, now);
    return noteLastUse(entry.owner().credentialId(), now).replaceWith(entry.owner());
  }

  private Uni<Void> noteLastUse(String credentialId, OffsetDateTime now) {
    return pool.preparedQuery(NOTE_LAST_USE)
        .execute(Tuple.of(credentialId, now, now.minus(TokenOwnerCache.LAST_USE_PRECISION)))
        .replaceWithVoid();
  }

  private static TokenOwner toOwner(Row row) {
    String workspaceId = row.getString("workspace_id");
    if (workspaceId != null && Boolean.TRUE.equals(row.getBoolean("deleted"))) {
      workspaceId = null;
    }
    boolean billed = row.getString("billed_workspace_id") != null;
    OffsetDateTime syncedAt = row.getOffsetDateTime("synced_at");
    return new TokenOwner(
        row.getString("credential_id"),
        row.getString("agent_id"),
        workspaceId,
        billed,
        billed && row.getBoolean("may_use_gateway"),
        billed ? row.getLong("credit_balance_micros") : 0,
        syncedAt == null ? null : syncedAt.toInstant());
  }
}
