package dev.roberto.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** Repeats a check until it returns a value, for steps that wait on Kafka events. */
final class Polling {

  private static final Duration PAUSE = Duration.ofMillis(250);

  private Polling() {}

  /**
   * Calls {@code attempt} until it returns a value and returns that value.
   *
   * @throws IllegalStateException when {@code timeout} passes first
   */
  static <T> T until(String condition, Duration timeout, Supplier<Optional<T>> attempt) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Optional<T> result = attempt.get();
      if (result.isPresent()) {
        return result.get();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "Timed out after " + timeout.toSeconds() + " s waiting until " + condition + ".");
      }
      try {
        Thread.sleep(PAUSE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting until " + condition, e);
      }
    }
  }
}
