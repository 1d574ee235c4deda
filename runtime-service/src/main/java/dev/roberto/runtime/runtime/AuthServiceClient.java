package dev.roberto.runtime.runtime;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * auth-service's runtime credentials API, called with the bearer token of the request being served
 * ({@link CallerBearerToken}), so auth-service checks the caller's own role in the workspace.
 */
@RegisterRestClient(configKey = "auth-service")
@RegisterClientHeaders(CallerBearerToken.class)
@Path("/api/auth/runtime-credentials")
public interface AuthServiceClient {

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  Uni<IssuedCredential> issueRuntimeCredential(CredentialRequest request);

  /** Body of {@code POST /api/auth/runtime-credentials}. */
  record CredentialRequest(String runtimeId) {}
}
