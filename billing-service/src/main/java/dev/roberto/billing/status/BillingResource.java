package dev.roberto.billing.status;

import dev.roberto.common.problem.ProblemCodes;
import dev.roberto.common.problem.ProblemException;
import dev.roberto.security.Caller;
import dev.roberto.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Billing status and period summary of the caller's workspace, for every member. */
@Path("/api/billing")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.MEMBER})
public class BillingResource {

  private final BillingReports reports;
  private final Caller caller;

  public BillingResource(BillingReports reports, Caller caller) {
    this.reports = reports;
    this.caller = caller;
  }

  @GET
  @Path("status")
  public Uni<BillingStatus> status() {
    return reports.status(caller.workspaceId().toString());
  }

  /**
   * Returns the summary of {@code [from, to)}, dates in UTC as {@code YYYY-MM-DD}; by default the
   * current calendar month.
   */
  @GET
  @Path("summary")
  public Uni<BillingSummary> summary(@QueryParam("from") String from, @QueryParam("to") String to) {
    LocalDate firstOfMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
    Instant start = parseDate("from", from, firstOfMonth);
    Instant end = parseDate("to", to, firstOfMonth.plusMonths(1));
    if (!start.isBefore(end)) {
      throw new ProblemException(
          400,
          ProblemCodes.VALIDATION_FAILED,
          "Invalid period",
          "The period from " + from + " to " + to + " is empty: from must be before to.",
          "Pass from and to as YYYY-MM-DD with from before to, or omit both for this month.");
    }
    return reports.summary(caller.workspaceId().toString(), start, end);
  }

  private static Instant parseDate(String name, String value, LocalDate fallback) {
    if (value == null || value.isBlank()) {
      return fallback.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    try {
      return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new ProblemException(
          400,
          ProblemCodes.VALIDATION_FAILED,
          "Invalid date",
          "The query parameter " + name + " is not a date: " + value + ".",
          "Pass " + name + " as YYYY-MM-DD, such as 2026-12-01.");
    }
  }
}
