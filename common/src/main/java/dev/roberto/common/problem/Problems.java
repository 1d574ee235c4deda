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
