package dev.roberto.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Repeats an attempt until its result is what the step expects. The services learn of each other's
 * changes through Kafka events, so a change shows in another service a moment later.
 */
final class Eventually {

  /** How long an event may take from one service to another on a slow, shared machine. */
  static final Duration EVENT_DELIVERY = Duration.ofSeconds(60);

  private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

  private Eventually() {}

  /**
   * Returns the first result that passes the check.
   *
   * @throws AssertionError with the last result when none passed within the timeout
   */
  static <T> T until(String expected, Duration timeout, Supplier<T> attempt, Predicate<T> done) {
    Instant deadline = Instant.now().plus(timeout);
    T last;
    while (true) {
      last = attempt.get();
      if (done.test(last)) {
        return last;
      }
      if (Instant.now().isAfter(deadline)) {
        break;
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting until " + expected, e);
      }
    }
    throw new AssertionError(
        "Expected within " + timeout.toSeconds() + " s: " + expected + ". Last result: " + last);
  }

  /** {@link #until} with the time an event takes between services. */
  static <T> T until(String expected, Supplier<T> attempt, Predicate<T> done) {
    return until(expected, EVENT_DELIVERY, attempt, done);
  }
}
