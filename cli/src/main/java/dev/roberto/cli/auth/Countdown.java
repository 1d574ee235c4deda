package dev.roberto.cli.auth;

import dev.roberto.client.login.Sleeper;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits between polls while showing how long the login code stays valid. On a terminal the line is
 * redrawn every second; elsewhere it is printed once per wait, so logs do not fill up.
 */
final class Countdown implements Sleeper {

  private final PrintWriter err;
  private final Clock clock;
  private final boolean terminal;
  private Instant expiresAt;

  Countdown(PrintWriter err, Clock clock, boolean terminal) {
    this.err = err;
    this.clock = clock;
    this.terminal = terminal;
  }

  void expiresAt(Instant expiresAt) {
    this.expiresAt = expiresAt;
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    Instant end = clock.instant().plus(duration);
    if (!terminal) {
      err.println("Waiting for approval; the code expires in " + remaining() + ".");
      err.flush();
      Thread.sleep(duration.toMillis());
      return;
    }
    while (clock.instant().isBefore(end)) {
      err.print("\rWaiting for approval; the code expires in " + remaining() + ".   ");
      err.flush();
      long step = Math.min(1000, Duration.between(clock.instant(), end).toMillis());
      Thread.sleep(Math.max(step, 1));
    }
  }

  /** Ends the redrawn line, so later output starts on a new line. */
  void finish() {
    if (terminal) {
      err.println();
      err.flush();
    }
  }

  private String remaining() {
    long seconds = Math.max(0, Duration.between(clock.instant(), expiresAt).toSeconds());
    return String.format("%d:%02d", seconds / 60, seconds % 60);
  }
}
