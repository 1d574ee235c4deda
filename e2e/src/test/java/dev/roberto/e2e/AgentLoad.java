package dev.roberto.e2e;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An agent at work during a fault run, until it is stopped: one thread reports usage, each report
 * with a new idempotency key, and another calls the gateway through the OpenAI SDK. It counts what
 * was acknowledged and keeps the reports that were rejected, so that they can be sent again.
 */
final class AgentLoad {

  /** Sends one usage report with the key and time, as {@code roberto usage send} does. */
  interface UsageSender {
    Cli.Result send(String key, String occurredAt);
  }

  /** A usage report's idempotency key and time, which a retry must repeat. */
  record Report(String key, String occurredAt) {}

  /** What the load saw. */
  record Outcome(
      int acceptedReports, List<Report> rejectedReports, int answeredCalls, int rejectedCalls) {

    @Override
    public String toString() {
      return String.format(
          "%d usage reports accepted and %d rejected, %d gateway calls answered and %d rejected",
          acceptedReports, rejectedReports.size(), answeredCalls, rejectedCalls);
    }
  }

  private static final long PAUSE_BETWEEN_CALLS_MILLIS = 100;

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger acceptedReports = new AtomicInteger();
  private final List<Report> rejectedReports = new ArrayList<>();
  private final AtomicInteger answeredCalls = new AtomicInteger();
  private final AtomicInteger rejectedCalls = new AtomicInteger();
  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private final List<Future<?>> work = new ArrayList<>();

  private AgentLoad() {}

  static AgentLoad start(UsageSender sender, SdkClients sdks) {
    AgentLoad load = new AgentLoad();
    load.work.add(load.threads.submit(() -> load.report(sender)));
    load.work.add(load.threads.submit(() -> load.call(sdks)));
    return load;
  }

  /** Stops both threads after their current request and returns what they saw. */
  Outcome stop() throws InterruptedException, ExecutionException, TimeoutException {
    running.set(false);
    try {
      for (Future<?> thread : work) {
        thread.get(120, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    synchronized (rejectedReports) {
      return new Outcome(
          acceptedReports.get(),
          List.copyOf(rejectedReports),
          answeredCalls.get(),
          rejectedCalls.get());
    }
  }

  private void report(UsageSender sender) {
    while (running.get()) {
      Report report =
          new Report(
              "e2e-load-" + UUID.randomUUID(),
              Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      if (sender.send(report.key(), report.occurredAt()).exitCode() == 0) {
        acceptedReports.incrementAndGet();
      } else {
        synchronized (rejectedReports) {
          rejectedReports.add(report);
        }
      }
    }
  }

  private void call(SdkClients sdks) {
    while (running.get()) {
      try {
        sdks.openAiCompletion();
        answeredCalls.incrementAndGet();
      } catch (RuntimeException rejected) {
        rejectedCalls.incrementAndGet();
      }
      try {
        Thread.sleep(PAUSE_BETWEEN_CALLS_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
