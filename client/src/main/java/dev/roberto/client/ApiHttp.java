package dev.roberto.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * JSON over the JDK HTTP client. Redirects are never followed, so a header never travels to a host
 * the caller did not name. Error answers become {@link RobertoException}s.
 */
public final class ApiHttp {

  static final String REQUEST_ID = "X-Request-Id";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client;
  private final ObjectMapper json;
  private final Consumer<RequestLog> requestLog;

  public ApiHttp(Consumer<RequestLog> requestLog) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.json =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    this.requestLog = requestLog;
  }

  public ObjectMapper json() {
    return json;
  }

  /**
   * An HTTP response with its body as JSON (null when empty).
   *
   * @param headers the response headers, empty when the response was built without them
   */
  public record Answer(int status, JsonNode body, String requestId, HttpHeaders headers) {

    public Answer(int status, JsonNode body, String requestId) {
      this(status, body, requestId, HttpHeaders.of(Map.of(), (name, value) -> true));
    }

    /** Returns the first value of the response header, matched without regard to case. */
    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }
  }

  /**
   * Sends the request and returns the response for any status; fails only when no answer came.
   *
   * @param bearer the access token for {@code Authorization}, or null to send none
   */
  public Answer exchange(String method, URI uri, Object body, String bearer) {
    String requestId = UUID.randomUUID().toString();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json, application/problem+json")
            .header(REQUEST_ID, requestId)
            .method(method, publisherOf(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return execute(request, method, uri, requestId);
  }

  /**
   * Sends a JSON body exactly as the given bytes, with further headers and no {@code
   * Authorization}, and returns the response for any status. A signed request needs this, because
   * its signature covers the bytes sent.
   */
  public Answer exchangeBytes(
      String method, URI uri, byte[] jsonBody, Map<String, String> headers) {
    String requestId = UUID.randomUUID().toString();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json, application/problem+json")
            .header("Content-Type", "application/json")
            .header(REQUEST_ID, requestId)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(jsonBody));
    headers.forEach(request::header);
    return execute(request, method, uri, requestId);
  }

  private Answer execute(HttpRequest.Builder request, String method, URI uri, String requestId) {
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      requestLog.accept(new RequestLog(method, uri, 0, requestId));
      throw unreachable(uri, "could not connect", requestId);
    } catch (HttpTimeoutException e) {
      requestLog.accept(new RequestLog(method, uri, 0, requestId));
      throw unreachable(uri, "timed out", requestId);
    } catch (IOException e) {
      requestLog.accept(new RequestLog(method, uri, 0, requestId));
      throw unreachable(uri, "failed: " + e.getMessage(), requestId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RobertoException(0, "interrupted", "The request was interrupted.", null, null);
    }
    String answeredId = response.headers().firstValue(REQUEST_ID).orElse(requestId);
    requestLog.accept(new RequestLog(method, uri, response.statusCode(), answeredId));
    return new Answer(
        response.statusCode(), parse(response.body(), uri), answeredId, response.headers());
  }

  /** Sends the request and returns the body as {@code type}, or throws on an error status. */
  public <T> T send(String method, URI uri, Object body, String bearer, Class<T> type) {
    Answer answer = exchange(method, uri, body, bearer);
    if (answer.status() >= 300) {
      throw Problems.toException(answer, uri);
    }
    if (type == Void.class || answer.body() == null) {
      return null;
    }
    return convert(answer.body(), type);
  }

  public <T> T convert(JsonNode body, Class<T> type) {
    try {
      return json.treeToValue(body, type);
    } catch (JsonProcessingException e) {
      throw new RobertoException(
          0,
          "unexpected_response",
          "The server's answer could not be read as " + type.getSimpleName() + ".",
          "Check that the control plane URL points at a Roberto control plane.",
          null);
    }
  }

  private HttpRequest.BodyPublisher publisherOf(Object body) {
    if (body == null) {
      return HttpRequest.BodyPublishers.noBody();
    }
    try {
      return HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("The request body cannot be written as JSON", e);
    }
  }

  private JsonNode parse(String body, URI uri) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static ServiceUnavailableException unreachable(URI uri, String what, String requestId) {
    String origin = uri.getScheme() + "://" + uri.getAuthority();
    return new ServiceUnavailableException(
        0,
        "server_unavailable",
        "The request to " + origin + " " + what + ".",
        "Check that the control plane at "
            + origin
            + " is running, or pass another one with --control-plane.",
        requestId);
  }
}
