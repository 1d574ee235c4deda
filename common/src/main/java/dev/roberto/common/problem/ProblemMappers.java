package dev.roberto.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.roberto.common.db.DatabaseOutage;
import dev.roberto.common.web.CorrelationIds;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a REST endpoint into a problem+json body. Expected failures are logged at
 * DEBUG; an unexpected one is logged once at ERROR with the correlation id that its body carries. A
 * failure caused by a database outage is a 503 {@code database_unavailable} with {@code
 * Retry-After}, logged once at WARN without a stack trace.
 */
public class ProblemMappers {

  /** Extension member whose value also becomes the {@code Retry-After} header, in seconds. */
  public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

  private final CorrelationIds correlationIds;
  private final long databaseRetryAfterSeconds;

  public ProblemMappers(
      CorrelationIds correlationIds,
      @ConfigProperty(name = "roberto.database.retry-after", defaultValue = "PT5S")
          Duration databaseRetryAfter) {
    this.correlationIds = correlationIds;
    this.databaseRetryAfterSeconds = Math.max(1, databaseRetryAfter.toSeconds());
  }

  /**
   * Maps an expected failure. A problem whose extensions carry {@code retryAfterSeconds} also gets
   * that value as its {@code Retry-After} header.
   */
  @ServerExceptionMapper
  public Response problem(ProblemException e, HttpServerRequest request) {
    Log.debugf("Problem %s on %s %s: %s", e.code(), request.method(), request.path(), e.detail());
    Response response =
        respond(request, e.status(), e.code(), e.title(), e.detail(), e.hint(), e.extensions());
    Object retryAfter = e.extensions().get(RETRY_AFTER_SECONDS);
    if (retryAfter == null) {
      return response;
    }
    return Response.fromResponse(response).header("Retry-After", retryAfter.toString()).build();
  }

  @ServerExceptionMapper
  public Response malformedJson(JsonProcessingException e, HttpServerRequest request) {
    if (e instanceof JsonMappingException mapping && !isEmptyBody(mapping)) {
      return invalidBody(mapping, request);
    }
    Log.debugf("Malformed JSON on %s %s", request.method(), request.path());
    return respond(
        request,
        400,
        ProblemCodes.MALFORMED_JSON,
        "Malformed JSON",
        "The request body is not valid JSON" + location(e) + ".",
        "Send a well-formed JSON document with Content-Type: application/json.",
        null);
  }

  /** Declared apart because Quarkus REST ships its own mapper for this subtype. */
  @ServerExceptionMapper
  public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
    return malformedJson(e, request);
  }

  @ServerExceptionMapper
  public Response constraintViolation(ConstraintViolationException e, HttpServerRequest request) {
    List<Map<String, String>> errors =
        e.getConstraintViolations().stream()
            .map(ProblemMappers::fieldError)
            .sorted((a, b) -> a.get("field").compareTo(b.get("field")))
            .collect(Collectors.toList());
    String fields =
        errors.stream().map(error -> error.get("field")).collect(Collectors.joining(", "));
    return respond(
        request,
        422,
        ProblemCodes.VALIDATION_FAILED,
        "Validation failed",
        "Invalid values: " + fields + ".",
        "Correct the fields listed in errors and send the request again.",
        Map.of("errors", errors));
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, HttpServerRequest request) {
    Throwable cause = e.getCause();
    if (cause instanceof JsonProcessingException json) {
      return malformedJson(json, request);
    }
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      return unexpected(e, request);
    }
    if (e instanceof NotFoundException) {
      Problem problem =
          Problems.notFound(request.method().name(), request.path(), correlationIds.current());
      return Response.status(404).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
    if (e instanceof NotAllowedException) {
      return respond(
          request,
          405,
          ProblemCodes.METHOD_NOT_ALLOWED,
          "Method not allowed",
          request.method() + " is not allowed on " + request.path() + ".",
          "Use one of the methods in the Allow header.",
          null);
    }
    if (e instanceof NotSupportedException) {
      return respond(
          request,
          415,
          ProblemCodes.UNSUPPORTED_MEDIA_TYPE,
          "Unsupported media type",
          "Content-Type " + request.getHeader("Content-Type") + " is not accepted here.",
          "Send the body as application/json.",
          null);
    }
    if (e instanceof NotAcceptableException) {
      return respond(
          request,
          406,
          ProblemCodes.NOT_ACCEPTABLE,
          "Not acceptable",
          "No representation matches Accept: " + request.getHeader("Accept") + ".",
          "Accept application/json.",
          null);
    }
    if (e instanceof NotAuthorizedException) {
      return respond(
          request,
          401,
          ProblemCodes.UNAUTHORIZED,
          "Unauthorized",
          "A valid access token is required.",
          "Run `roberto auth login`, or `roberto auth refresh` if you are logged in.",
          null);
    }
    if (e instanceof ForbiddenException) {
      return respond(
          request,
          403,
          ProblemCodes.FORBIDDEN,
          "Forbidden",
          "Your roles do not allow " + request.method() + " " + request.path() + ".",
          "Ask a workspace owner or admin for the role this needs.",
          null);
    }
    return respond(
        request,
        status,
        ProblemCodes.BAD_REQUEST,
        e.getResponse().getStatusInfo().getReasonPhrase(),
        "The request was rejected: " + e.getMessage(),
        "Check the request against the service's API at /q/openapi.",
        null);
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e, HttpServerRequest request) {
    if (DatabaseOutage.isCause(e)) {
      return databaseUnavailable(e, request);
    }
    String correlationId = correlationIds.current();
    Log.errorf(
        e,
        "Unexpected failure on %s %s [correlationId=%s]",
        request.method(),
        request.path(),
        correlationId);
    return Problems.response(
        500,
        ProblemCodes.INTERNAL_ERROR,
        "Internal error",
        "The request failed unexpectedly.",
        "Try again; if it keeps failing, quote correlation id " + correlationId + " to support.",
        request.path(),
        correlationId,
        null);
  }

  private Response databaseUnavailable(Throwable e, HttpServerRequest request) {
    Log.warnf(
        "Database unavailable on %s %s [correlationId=%s]: %s",
        request.method(), request.path(), correlationIds.current(), DatabaseOutage.describe(e));
    return problem(Problems.databaseUnavailable(databaseRetryAfterSeconds), request);
  }

  private Response invalidBody(JsonMappingException e, HttpServerRequest request) {
    String field = fieldPath(e);
    Log.debugf("Invalid JSON body on %s %s at %s", request.method(), request.path(), field);
    return respond(
        request,
        400,
        ProblemCodes.INVALID_REQUEST_BODY,
        "Invalid request body",
        field.isEmpty()
            ? "The JSON body does not have the expected shape."
            : "The JSON value at " + field + " has the wrong type or form.",
        "Correct the value and send the request again.",
        field.isEmpty()
            ? null
            : Map.of("errors", List.of(Map.of("field", field, "message", "wrong type or form"))));
  }

  private Response respond(
      HttpServerRequest request,
      int status,
      String code,
      String title,
      String detail,
      String hint,
      Map<String, Object> extensions) {
    return Problems.response(
        status, code, title, detail, hint, request.path(), correlationIds.current(), extensions);
  }

  private static boolean isEmptyBody(JsonMappingException e) {
    return e instanceof MismatchedInputException && e.getOriginalMessage().contains("end-of-input");
  }

  private static String location(JsonProcessingException e) {
    if (e.getLocation() == null || e.getLocation().getLineNr() < 0) {
      return "";
    }
    return " (line "
        + e.getLocation().getLineNr()
        + ", column "
        + e.getLocation().getColumnNr()
        + ")";
  }

  private static String fieldPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static Map<String, String> fieldError(ConstraintViolation<?> violation) {
    // A parameter's path starts with the method and parameter names (accept.order.name): the field
    // is what follows them, or the parameter itself when the whole body is invalid.
    String[] nodes = violation.getPropertyPath().toString().split("\\.", 3);
    String field = nodes.length == 3 ? nodes[2] : nodes[nodes.length - 1];
    return Map.of("field", field, "message", violation.getMessage());
  }
}
