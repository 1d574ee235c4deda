package dev.roberto.auth.support;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.interceptor.Interceptor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Startup work that runs on a worker thread while other startup work, such as creating the Kafka
 * clients, goes on. A bean starts it from a {@code StartupEvent} observer with priority {@link
 * #START} and calls {@link #await()} from one with priority {@link #AWAIT}. So the application
 * still starts only after the work succeeded, and fails to start when the work failed.
 */
public final class StartupWork {

  /** Observer priority that starts the work: before the libraries' own startup observers. */
  public static final int START = Interceptor.Priority.LIBRARY_BEFORE;

  /** Observer priority that waits for the work: after observers of the default priority. */
  public static final int AWAIT = Interceptor.Priority.APPLICATION + 1000;

  private final CompletableFuture<Void> done;

  private StartupWork(CompletableFuture<Void> done) {
    this.done = done;
  }

  /** Starts the work in a new Vert.x duplicated context, as Hibernate Reactive requires. */
  public static <T> StartupWork start(Supplier<Uni<T>> work) {
    return new StartupWork(
        CompletableFuture.runAsync(
            () -> {
              try {
                VertxContextSupport.subscribeAndAwait(work);
              } catch (Throwable failure) {
                throw new CompletionException(failure);
              }
            },
            Infrastructure.getDefaultWorkerPool()));
  }

  /** Waits for the work and rethrows its failure. */
  public void await() throws Throwable {
    try {
      done.join();
    } catch (CompletionException e) {
      throw e.getCause();
    }
  }
}
