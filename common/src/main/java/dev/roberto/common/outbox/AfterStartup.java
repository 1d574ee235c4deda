package dev.roberto.common.outbox;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

/**
 * Skips scheduled runs until the application has started. The scheduler can fire before Reactive
 * Messaging has connected its channels, and the relay's emitter cannot be created before then.
 */
@Singleton
public class AfterStartup implements Scheduled.SkipPredicate {

  private volatile boolean started;

  void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 100) StartupEvent event) {
    started = true;
  }

  @Override
  public boolean test(ScheduledExecution execution) {
    return !started;
  }
}
