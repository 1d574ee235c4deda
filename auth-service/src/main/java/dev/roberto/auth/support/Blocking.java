package dev.roberto.auth.support;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/**
 * Runs CPU-heavy work, such as bcrypt, on a worker thread and resumes on the caller's Vert.x
 * context, where Hibernate Reactive requires its session to be used.
 */
public final class Blocking {

  private Blocking() {}

  public static <T> Uni<T> onWorker(Callable<T> work) {
    Context context = Vertx.currentContext();
    if (context == null) {
      return Uni.createFrom().item(() -> call(work));
    }
    return Uni.createFrom()
        .completionStage(() -> context.executeBlocking(work, false).toCompletionStage())
        .emitOn(command -> context.runOnContext(ignored -> command.run()));
  }

  private static <T> T call(Callable<T> work) {
    try {
      return work.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
