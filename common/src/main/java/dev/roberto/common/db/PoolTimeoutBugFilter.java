package dev.roberto.common.db;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops the ERROR with stack trace that the Vert.x SQL client (4.5.27) reports about 30 s after
 * each query of its pool that failed to get a connection: {@code IllegalStateException: Result is
 * already complete} from a timer in {@code SqlConnectionPool}. The query itself already failed with
 * the connection error, which is logged where it is handled; the late report adds nothing.
 *
 * <p>The readiness check queries the pool this way, so without this filter every failed probe
 * during a PostgreSQL outage becomes one ERROR stack trace half a minute later.
 *
 * <p>NOTE: remove once a Vert.x SQL client release cancels that timer when getting a connection
 * fails. The upstream report, "SqlConnectionPool.execute() does not cancel the connection-timeout
 * timer when acquire fails", was still open for 4.5.34.
 */
@LoggingFilter(name = PoolTimeoutBugFilter.NAME)
public final class PoolTimeoutBugFilter implements Filter {

  /** Name that {@code quarkus.log.console.filter} refers to. */
  public static final String NAME = "sql-pool-timeout-bug";

  private static final String REPORTING_CLASS = "io.vertx.sqlclient.impl.pool.SqlConnectionPool";
  private static final String MESSAGE = "Result is already complete";

  @Override
  public boolean isLoggable(LogRecord record) {
    return !isPoolTimeoutBug(record.getThrown());
  }

  static boolean isPoolTimeoutBug(Throwable thrown) {
    if (!(thrown instanceof IllegalStateException) || !MESSAGE.equals(thrown.getMessage())) {
      return false;
    }
    for (StackTraceElement frame : thrown.getStackTrace()) {
      if (frame.getClassName().equals(REPORTING_CLASS)) {
        return true;
      }
    }
    return false;
  }
}
