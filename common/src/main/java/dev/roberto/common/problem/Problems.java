package dev.roberto.common.problem;

import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Builds problem responses; every error body of every service is made here. */
public final class Problems {

  private Problems() {}

  /** Returns the 404 body for a request that no endpoint matches. */
  public static Problem notFound(String method, String path, String correlationId) {
    return new Problem(
        Problem.TYPE_BASE + ProblemCodes.NOT_FOUND,
        "Not found",
        404,
        "No endpoint exists at " + method + " " + path + ".",
        path,
        ProblemCodes.NOT_FOUND,
        "Check the URL against the service's API at /q/openapi.",
        correlationId,
        null);
  }

  /**
   * Returns the 503 problem for a request that failed because the service's database could not be
   * reached. The body names no host, statement or driver error.
   */
  public static ProblemException databaseUnavailable(long retryAfterSeconds) {
    return new ProblemException(
            503,
            ProblemCodes.DATABASE_UNAVAILABLE,
            "Database unavailable",
            "The service could not reach its database while it handled the request.",
            "Send the same request again after the Retry-After delay.")
        .with(ProblemMappers.RETRY_AFTER_SECONDS, retryAfterSeconds);
  }

  public static Response response(
      int status,
      String code,
      String title,
      String detail,
      String hint,
      String instance,
      String correlationId,
      Map<String, Object> extensions) {
    Problem problem =
        new Problem(
            Problem.TYPE_BASE + code,
            title,
            status,
            detail,
            instance,
            code,
            hint,
            correlationId,
            extensions);
    return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
  }
}
