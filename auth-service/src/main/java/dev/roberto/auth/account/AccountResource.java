package dev.roberto.auth.account;

import dev.roberto.auth.token.BearerAuthenticator;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** Sign-up, the caller's workspaces and workspace members. */
@Path("/api/auth")
public class AccountResource {

  private final AccountService accounts;
  private final BearerAuthenticator bearer;

  public AccountResource(AccountService accounts, BearerAuthenticator bearer) {
    this.accounts = accounts;
    this.bearer = bearer;
  }

  @POST
  @Path("/signup")
  public Uni<Response> signUp(@Valid @NotNull SignUpRequest request) {
    return accounts
        .signUp(request.email(), request.password(), request.displayName(), request.workspaceName())
        .map(created -> Response.status(201).entity(created).build());
  }

  @GET
  @Path("/workspaces")
  public Uni<List<WorkspaceMembership>> workspaces(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return bearer
        .authenticateUser(authorization)
        .chain(caller -> accounts.memberships(caller.userId()));
  }

  @GET
  @Path("/workspaces/{workspaceId}/members")
  public Uni<List<Member>> members(
      @PathParam("workspaceId") UUID workspaceId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return bearer
        .authenticateUser(authorization)
        .chain(caller -> accounts.listMembers(caller.userId(), workspaceId));
  }

  @POST
  @Path("/workspaces/{workspaceId}/members")
  public Uni<Response> addMember(
      @PathParam("workspaceId") UUID workspaceId,
      @Valid @NotNull AddMemberRequest request,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return bearer
        .authenticateUser(authorization)
        .chain(
            caller ->
                accounts.addMember(caller.userId(), workspaceId, request.email(), request.role()))
        .map(member -> Response.status(201).entity(member).build());
  }

  /**
   * A sign-up. Bcrypt reads at most 72 bytes of a password, hence the upper bound.
   *
   * @param workspaceName name of the workspace the account gets; defaults to "NAME's workspace"
   */
  public record SignUpRequest(
      @NotBlank @Email @Size(max = 254) String email,
      @NotBlank @Size(min = 10, max = 72) String password,
      @NotBlank @Size(max = 100) String displayName,
      @Size(max = 100) String workspaceName) {

    /** Trims the email before validation, so that surrounding spaces are not an error. */
    public SignUpRequest {
      email = email == null ? null : email.strip();
    }

    @Override
    public String toString() {
      return "SignUpRequest[email=" + email + "]";
    }
  }

  /** An existing account to add, and the role it gets. */
  public record AddMemberRequest(@NotBlank @Email String email, @NotNull Role role) {

    public AddMemberRequest {
      email = email == null ? null : email.strip();
    }
  }
}
