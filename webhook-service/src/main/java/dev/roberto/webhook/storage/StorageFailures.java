package dev.roberto.webhook.storage;

import io.smallrye.mutiny.Uni;
import io.vertx.core.VertxException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.function.Function;

/** Recognizes failures that mean PostgreSQL is unreachable, as opposed to a bad statement. */
public final class StorageFailures {

  private StorageFailures() {}

  /** Rewrites a connection failure of the database into {@link StorageUnavailableException}. */
  public static <T> Function<Uni<T>, Uni<T>> unavailableAsProblem() {
    return uni ->
        uni.onFailure(StorageFailures::isUnavailable).transform(StorageUnavailableException::new);
  }

  static boolean isUnavailable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StorageUnavailableException
          || cause instanceof ConnectException
          || cause instanceof ClosedConnectionException
          || cause instanceof io.netty.channel.ConnectTimeoutException
          || isConnectionMessage(cause)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isConnectionMessage(Throwable cause) {
    String message = cause.getMessage();
    return cause instanceof VertxException
        && message != null
        && (message.contains("Connection refused") || message.contains("Connection reset"));
  }
}
