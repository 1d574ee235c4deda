package dev.roberto.runtime.runtime;

import dev.roberto.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/** Registers and finds the runtimes of a workspace. */
@ApplicationScoped
public class RuntimeRegistry {

  private final RuntimeCredentials credentials;

  public RuntimeRegistry(RuntimeCredentials credentials) {
    this.credentials = credentials;
  }

  /**
   * Registers a runtime and obtains its credential from auth-service, rejecting a name that the
   * workspace already uses.
   *
   * <p>The runtime row is written and flushed first, so a taken name fails before auth-service
   * issues anything. The credential is requested inside the same transaction: when auth-service
   * fails, the transaction rolls back and no runtime is left without a credential.
   *
   * <p>NOTE: if the commit itself fails after auth-service issued the credential, that credential
   * stays in auth-service for a runtime id that was never stored; it grants nothing here, and an
   * owner can revoke it with {@code DELETE /api/auth/runtime-credentials/{clientId}}.
   */
  public Uni<RegisteredRuntime> register(UUID workspaceId, String name, String registeredBy) {
    return Panache.withTransaction(
            () ->
                Runtime.count("workspaceId = ?1 and name = ?2", workspaceId, name)
                    .chain(
                        existing -> {
                          if (existing > 0) {
                            return Uni.createFrom().failure(nameTaken(name));
                          }
                          return insert(workspaceId, name, registeredBy);
                        })
                    .chain(this::attachCredential))
        // Two registrations of one name at once: the unique constraint rejects the later one.
        .onFailure(ConstraintViolationException.class)
        .transform(e -> nameTaken(name))
        .invoke(
            registered ->
                Log.infof(
                    "Registered runtime %s (%s) in workspace %s with credential %s",
                    registered.id(), name, workspaceId, registered.credentialClientId()));
  }

  public Uni<List<RuntimeView>> list(UUID workspaceId) {
    return Panache.withSession(
        () ->
            Runtime.<Runtime>list("workspaceId = ?1 order by name", workspaceId)
                .map(runtimes -> runtimes.stream().map(RuntimeView::of).toList()));
  }

  /**
   * Returns the runtime when it belongs to the workspace, or fails with 404 {@code
   * runtime_not_found}, so that callers cannot learn which runtimes other workspaces have. Runs in
   * the caller's session.
   */
  public Uni<Runtime> requireInWorkspace(UUID runtimeId, UUID workspaceId) {
    return Runtime.<Runtime>findById(runtimeId)
        .map(
            runtime -> {
              if (runtime == null || !runtime.workspaceId.equals(workspaceId)) {
                throw runtimeNotFound(runtimeId.toString());
              }
              return runtime;
            });
  }

  public static ProblemException runtimeNotFound(String runtimeId) {
    return new ProblemException(
        404,
        "runtime_not_found",
        "Runtime not found",
        "No runtime " + runtimeId + " exists in your workspace.",
        "Run `roberto runtime list` to see the workspace's runtimes.");
  }

  private static Uni<Runtime> insert(UUID workspaceId, String name, String registeredBy) {
    Runtime runtime = new Runtime();
    runtime.id = UUID.randomUUID();
    runtime.workspaceId = workspaceId;
    runtime.name = name;
    runtime.registeredBy = registeredBy;
    runtime.registeredAt = Instant.now();
    return runtime.<Runtime>persistAndFlush();
  }

  private Uni<RegisteredRuntime> attachCredential(Runtime runtime) {
    return credentials
        .issue(runtime.id)
        .map(
            credential -> {
              runtime.credentialClientId = credential.clientId();
              return RegisteredRuntime.of(runtime, credential);
            });
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
