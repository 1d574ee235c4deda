package dev.roberto.common.problem;

import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Builds problem responses; every error body of every service is made here. */
public final class Problems {

  private Problems() {}

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
