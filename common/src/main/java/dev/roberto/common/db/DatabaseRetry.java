package dev.roberto.common.db;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.groups.UniRetry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs database work again while PostgreSQL is unreachable, with exponential back-off. Only a
 * failure that {@link DatabaseOutage#isCause} accepts is retried. Any other failure ends the work
 * at once.
 *
 * <p>Each attempt calls the supplier again, so a {@code Panache.withTransaction} inside it opens a
 * new session and runs the whole transaction again. Attempts run on the Vert.x context of the
 * caller, which Hibernate Reactive requires. Each failed attempt logs one WARN line without a stack
 * trace.
 */
public final class DatabaseRetry {

  /** Delay before the second attempt; it doubles, with jitter, up to {@link #MAX_BACK_OFF}. */
  static final Duration FIRST_BACK_OFF = Duration.ofMillis(500);

  static final Duration MAX_BACK_OFF = Duration.ofSeconds(10);

  private static final Logger LOG = Logger.getLogger(DatabaseRetry.class);

  private DatabaseRetry() {}

  /**
   * Runs the work until it succeeds or fails for another reason than a database outage, however
   * long the outage lasts.
   *
   * @param work what the work does, for the log, such as {@code "Applying usage event 42"}
   */
  public static <T> Uni<T> untilAvailable(String work, Supplier<Uni<T>> attempt) {
    return retried(work, attempt).indefinitely();
  }

  /**
   * Runs the work until it succeeds, fails for another reason than a database outage, or the outage
   * has lasted about {@code giveUpAfter}: then the last failure ends the work.
   */
  public static <T> Uni<T> untilAvailable(
      String work, Duration giveUpAfter, Supplier<Uni<T>> attempt) {
    return retried(work, attempt).expireIn(giveUpAfter.toMillis());
  }

  private static <T> UniRetry<T> retried(String work, Supplier<Uni<T>> attempt) {
    AtomicInteger attempts = new AtomicInteger();
    return Uni.createFrom()
        .deferred(() -> attempt.get())
        .runSubscriptionOn(callerContext())
        .onFailure(DatabaseOutage::isCause)
        .invoke(
            failure ->
                LOG.warnf(
                    "%s failed on attempt %d because the database is unavailable, will retry: %s",
                    work, attempts.incrementAndGet(), DatabaseOutage.describe(failure)))
        .onFailure(DatabaseOutage::isCause)
        .retry()
        .withBackOff(FIRST_BACK_OFF, MAX_BACK_OFF);
  }

  /**
   * Returns an executor that runs on the caller's Vert.x context, directly when already on it. The
   * back-off timer fires on a worker thread, where Hibernate Reactive would refuse to run.
   */
  private static Executor callerContext() {
    Context context = Vertx.currentContext();
    if (context == null) {
      return Runnable::run;
    }
    return command -> {
      if (Vertx.currentContext() == context) {
        command.run();
      } else {
        context.runOnContext(ignored -> command.run());
      }
    };
  }
}
