package dev.roberto.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects a child process's output stream in the background, so that the child never blocks on a
 * full pipe, and lets a test wait for a line it prints.
 */
final class ProcessOutput {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final Thread reader;

  ProcessOutput(InputStream stream, String threadName) {
    reader = new Thread(() -> copy(stream), threadName);
    reader.setDaemon(true);
    reader.start();
  }

  private void copy(InputStream stream) {
    byte[] buffer = new byte[8192];
    try (stream) {
      for (int read; (read = stream.read(buffer)) != -1; ) {
        synchronized (bytes) {
          bytes.write(buffer, 0, read);
        }
      }
    } catch (IOException e) {
      // The process ended or closed the stream; what was read so far is kept.
    }
  }

  String text() {
    synchronized (bytes) {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  /** Waits until the stream has ended, at most the timeout. */
  void awaitEnd(Duration timeout) throws InterruptedException {
    reader.join(timeout.toMillis());
  }

  /**
   * Waits until the output contains a match of the pattern and returns the match, or returns null
   * when the process exits or the timeout passes first.
   */
  Matcher await(Pattern pattern, Process process, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      Matcher matcher = pattern.matcher(text());
      if (matcher.find()) {
        return matcher;
      }
      if (!process.isAlive()) {
        awaitEnd(Duration.ofSeconds(5));
        matcher = pattern.matcher(text());
        return matcher.find() ? matcher : null;
      }
      Thread.sleep(100);
    }
    return null;
  }
}
