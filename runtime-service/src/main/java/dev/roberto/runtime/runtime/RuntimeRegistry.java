package dev.roberto.runtime.runtime;

import dev.roberto.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/** Registers and lists the runtimes of a workspace. */
@ApplicationScoped
public class RuntimeRegistry {

  /**
   * Registers a runtime, rejecting a name that the workspace already uses.
   *
   * <p>NOTE: the runtime's own credential is issued by auth-service at
   * /api/auth/runtime-credentials; registration here does not request one yet.
   */
  public Uni<RuntimeView> register(UUID workspaceId, String name, String registeredBy) {
    return Panache.withTransaction(
            () ->
                Runtime.count("workspaceId = ?1 and name = ?2", workspaceId, name)
                    .chain(
                        existing -> {
                          if (existing > 0) {
                            return Uni.createFrom().failure(nameTaken(name));
                          }
                          Runtime runtime = new Runtime();
                          runtime.id = UUID.randomUUID();
                          runtime.workspaceId = workspaceId;
                          runtime.name = name;
                          runtime.registeredBy = registeredBy;
                          runtime.registeredAt = Instant.now();
                          return runtime.<Runtime>persist().map(RuntimeView::of);
                        }))
        // Two registrations of one name at once: the unique constraint rejects the later one.
        .onFailure(ConstraintViolationException.class)
        .transform(e -> nameTaken(name));
  }

  public Uni<List<RuntimeView>> list(UUID workspaceId) {
    return Panache.withSession(
        () ->
            Runtime.<Runtime>list("workspaceId = ?1 order by name", workspaceId)
                .map(runtimes -> runtimes.stream().map(RuntimeView::of).toList()));
  }

  private static ProblemException nameTaken(String name) {
    return new ProblemException(
        409,
        "runtime_name_taken",
        "Runtime name taken",
        "The workspace already has a runtime named " + name + ".",
        "Choose another name, or run `roberto runtime list` to see the registered runtimes.");
  }
}
