package dev.roberto.billing.stripe;

import dev.roberto.billing.status.BillingStatus;
import dev.roberto.security.Caller;
import dev.roberto.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The Stripe commands, for workspace owners and admins. */
@Path("/api/billing")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OWNER, Roles.ADMIN})
public class StripeCommandResource {

  private final BillingCommands commands;
  private final Caller caller;

  public StripeCommandResource(BillingCommands commands, Caller caller) {
    this.commands = commands;
    this.caller = caller;
  }

  @POST
  @Path("setup")
  public Uni<CheckoutLink> setup() {
    return commands.setup(workspace());
  }

  @POST
  @Path("checkout")
  public Uni<CheckoutLink> checkout() {
    return commands.checkout(workspace());
  }

  @POST
  @Path("credits-checkout")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<CheckoutLink> creditsCheckout(CreditsCheckoutRequest request) {
    return commands.creditsCheckout(workspace(), request == null ? null : request.amount());
  }

  @POST
  @Path("portal")
  public Uni<CheckoutLink> portal() {
    return commands.portal(workspace());
  }

  @POST
  @Path("sync")
  public Uni<BillingStatus> sync() {
    return commands.sync(workspace());
  }

  private String workspace() {
    return caller.workspaceId().toString();
  }
}
