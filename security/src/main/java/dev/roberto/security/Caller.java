package dev.roberto.security;

import dev.roberto.common.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The person, runtime or service behind the current request, read from its access token. */
@RequestScoped
public class Caller {

  static final String WORKSPACE_CLAIM = "workspace";
  static final String RUNTIME_CLAIM = "runtime";

  private final JsonWebToken token;
  private final SecurityIdentity identity;

  Caller(JsonWebToken token, SecurityIdentity identity) {
    this.token = token;
    this.identity = identity;
  }

  /** Returns the token's subject: a user id for people, the client id for runtimes and services. */
  public String subject() {
    return token.getSubject();
  }

  /** Returns the workspace the token was issued for, or rejects a token that names none. */
  public UUID workspaceId() {
    String claim = token.getClaim(WORKSPACE_CLAIM);
    if (claim == null) {
      throw new ProblemException(
          403,
          "workspace_required",
          "No workspace",
          "The access token is not bound to a workspace.",
          "Run `roberto auth login` and approve the login for a workspace.");
    }
    return UUID.fromString(claim);
  }

  /** Returns the runtime id of a runtime access token, or null for other callers. */
  public String runtimeId() {
    return token.getClaim(RUNTIME_CLAIM);
  }

  /** Returns the roles from the token's {@code roles} claim. */
  public Set<String> roles() {
    return identity.getRoles();
  }
}
