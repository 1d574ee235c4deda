package dev.roberto.common.problem;

import dev.roberto.common.outbox.OutboxMessage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * An endpoint for the error mapping tests: takes a JSON body with constraints, reads the database,
 * or fails.
 */
@Path("/probe")
public class ProbeResource {

  public record Order(@NotBlank String name, @Min(1) int quantity) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Order accept(@NotNull @Valid Order order) {
    return order;
  }

  @GET
  @Path("/failure")
  public String fail() {
    throw new IllegalStateException("probe failure with secret detail");
  }

  @GET
  @Path("/conflict")
  public String conflict() {
    throw new ProblemException(
            409, "probe_conflict", "Probe conflict", "The probe is busy.", "Try again later.")
        .with("retryAfter", 5);
  }

  @GET
  @Path("/unavailable")
  public String unavailable() {
    throw new ProblemException(
            503, "probe_unavailable", "Probe unavailable", "The probe is down.", "Wait.")
        .with(ProblemMappers.RETRY_AFTER_SECONDS, 7);
  }

  @GET
  @Path("/database")
  @Produces(MediaType.TEXT_PLAIN)
  public Uni<Long> countOutboxRows() {
    return Panache.withSession(() -> OutboxMessage.count());
  }
}
