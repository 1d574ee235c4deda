package dev.roberto.common.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

/**
 * Skips scheduled outbox runs before the application has started and once it is shutting down. The
 * scheduler can fire before Reactive Messaging has connected the relay's channel, and after the
 * database pool has closed.
 */
@Singleton
public class WhileRunning implements Scheduled.SkipPredicate {

  private volatile boolean running;

  void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 100) StartupEvent event) {
    running = true;
  }

  void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
    running = false;
  }

  /** Returns true between startup and the start of shutdown. */
  public boolean isRunning() {
    return running;
  }

  @Override
  public boolean test(ScheduledExecution execution) {
    return !running;
  }
}
