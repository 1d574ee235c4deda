package dev.roberto.common.db;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.util.Set;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Recognizes failures that mean PostgreSQL cannot be reached right now, as opposed to a bad
 * statement or bad data: the same work may succeed once the server is back.
 *
 * <p>Shapes seen with the reactive PostgreSQL client of Vert.x 4.5 while a server stops, restarts
 * or a connection is cut: {@link java.net.ConnectException} (connection refused), {@link
 * ClosedConnectionException} and {@code SocketException: Connection reset} for a statement in
 * flight, {@link PgException} with SQLSTATE 57P03 while the server shuts down or starts up, the
 * message "Connection is not active now" for a pooled connection that closed, and "Timeout" or
 * "Timeout waiting for connection" when no pooled connection frees up in time.
 *
 * <p>NOTE: socket failures count whatever client raised them. Work that also calls other servers
 * must map their connection failures before a failure reaches {@link #isCause}.
 */
public final class DatabaseOutage {

  /** SQLSTATE class "connection exception". */
  private static final String CONNECTION_EXCEPTION_CLASS = "08";

  /** admin_shutdown, crash_shutdown and cannot_connect_now (starting up or shutting down). */
  private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

  /** Message starts of the Vert.x SQL client's failures that carry no type of their own. */
  private static final Set<String> CLIENT_MESSAGES =
      Set.of("Connection is not active now", "Timeout waiting for connection");

  /**
   * The pool's acquisition timeout ({@code PoolOptions.connectionTimeout}) fails {@code
   * getConnection}, which Hibernate Reactive uses, with this bare message.
   */
  private static final String POOL_TIMEOUT = "Timeout";

  private static final String NO_STACK_TRACE_THROWABLE = "io.vertx.core.impl.NoStackTraceThrowable";

  /** Bound on the cause chain walked, against chains that loop. */
  private static final int MAX_CAUSES = 20;

  private DatabaseOutage() {}

  /** Returns true when the failure, or any of its causes, means the database is unreachable. */
  public static boolean isCause(Throwable failure) {
    return outageCause(failure) != null;
  }

  /**
   * Describes the failure in one line for a log: the class and message of the cause that marks the
   * outage, or of the failure itself. The line may name the database host and port, so it belongs
   * in logs and never in a response.
   */
  public static String describe(Throwable failure) {
    Throwable cause = outageCause(failure);
    Throwable reported = cause != null ? cause : failure;
    return reported.getClass().getSimpleName() + ": " + reported.getMessage();
  }

  private static Throwable outageCause(Throwable failure) {
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
      if (isOutage(cause)) {
        return cause;
      }
      cause = cause.getCause();
    }
    return null;
  }

  private static boolean isOutage(Throwable cause) {
    if (cause instanceof PgException pg) {
      return isOutageState(pg.getSqlState());
    }
    if (cause instanceof SQLException sql) {
      return isOutageState(sql.getSQLState());
    }
    return cause instanceof ClosedConnectionException
        || cause instanceof JDBCConnectionException
        || cause instanceof SocketException
        || cause instanceof ConnectTimeoutException
        || cause instanceof ClosedChannelException
        || hasClientMessage(cause);
  }

  private static boolean isOutageState(String sqlState) {
    return sqlState != null
        && (sqlState.startsWith(CONNECTION_EXCEPTION_CLASS)
            || SERVER_GOING_AWAY.contains(sqlState));
  }

  private static boolean hasClientMessage(Throwable cause) {
    String message = cause.getMessage();
    if (message == null) {
      return false;
    }
    if (message.equals(POOL_TIMEOUT)) {
      return cause.getClass().getName().equals(NO_STACK_TRACE_THROWABLE);
    }
    return CLIENT_MESSAGES.stream().anyMatch(message::startsWith);
  }
}
