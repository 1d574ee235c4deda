package dev.roberto.client.update;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roberto.client.ApiHttp;
import dev.roberto.client.AuthenticationException;
import dev.roberto.client.ControlPlane;
import dev.roberto.client.Problems;
import dev.roberto.client.RequestLog;
import dev.roberto.client.RobertoException;
import dev.roberto.client.ServiceUnavailableException;
import dev.roberto.client.runtime.RuntimeCredential;
import dev.roberto.client.store.AuthStore;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A runtime's connection to one control plane, authenticated with the runtime's own credential: it
 * exchanges the client id and secret for runtime access tokens at the token endpoint, and renews
 * the token once when a request is rejected with 401.
 *
 * <p>Requests, tokens included, go only to the control plane URL and to the service URLs its
 * discovery document lists. A script URL on any other origin is rejected before a request is made.
 */
public final class RuntimeSession {

  /** Environment variable with the runtime credential's client id. */
  public static final String CLIENT_ID_VARIABLE = RuntimeCredential.CLIENT_ID_VARIABLE;

  /** Environment variable with the runtime credential's client secret. */
  public static final String CLIENT_SECRET_VARIABLE = RuntimeCredential.CLIENT_SECRET_VARIABLE;

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final String controlPlaneUrl;
  private final String clientId;
  private final String clientSecret;
  private final ApiHttp http;
  private final HttpClient raw;
  private final Consumer<RequestLog> requestLog;
  private ControlPlane controlPlane;
  private String accessToken;

  private RuntimeSession(
      String controlPlaneUrl,
      String clientId,
      String clientSecret,
      Consumer<RequestLog> requestLog) {
    this.controlPlaneUrl = AuthStore.normalize(controlPlaneUrl);
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.requestLog = requestLog;
    this.http = new ApiHttp(requestLog);
    this.raw =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Returns a session with the credential from {@code environment}, or fails with
   * runtime_credentials_missing when either variable is unset.
   */
  public static RuntimeSession fromEnvironment(
      String controlPlaneUrl, Map<String, String> environment, Consumer<RequestLog> requestLog) {
    String id = environment.get(CLIENT_ID_VARIABLE);
    String secret = environment.get(CLIENT_SECRET_VARIABLE);
    if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
      throw new AuthenticationException(
          0,
          "runtime_credentials_missing",
          "This command runs as the runtime and needs "
              + CLIENT_ID_VARIABLE
              + " and "
              + CLIENT_SECRET_VARIABLE
              + " in the environment.",
          "Set them to the credential that `roberto runtime register` printed for this runtime.",
          null);
    }
    return new RuntimeSession(controlPlaneUrl, id.strip(), secret.strip(), requestLog);
  }

  public String controlPlaneUrl() {
    return controlPlaneUrl;
  }

  public String clientId() {
    return clientId;
  }

  /** Reports the installed versions and returns the control plane's decision. */
  public UpdateDecision checkUpdates(InstalledVersions installed) {
    return call("POST", "/api/runtime/check-updates", installed, UpdateDecision.class);
  }

  /** Asks the control plane to accept the apply of one update of the decision. */
  public AcceptedApply apply(
      String decisionId, String agentId, boolean approved, String grantToken) {
    Map<String, Object> body = new HashMap<>();
    body.put("agentId", agentId);
    body.put("approved", approved);
    body.put("grantToken", grantToken);
    return call(
        "POST",
        "/api/runtime/decisions/" + pathPart(decisionId) + "/apply",
        body,
        AcceptedApply.class);
  }

  /** Reports the progress of an accepted apply: downloading, applying, succeeded or failed. */
  public UpdateStatus reportProgress(
      String decisionId, String agentId, String state, String message, Integer exitCode) {
    Map<String, Object> body = new HashMap<>();
    body.put("agentId", agentId);
    body.put("state", state);
    body.put("message", message);
    body.put("exitCode", exitCode);
    return call(
        "POST",
        "/api/runtime/decisions/" + pathPart(decisionId) + "/progress",
        body,
        UpdateStatus.class);
  }

  /**
   * Downloads a script from a URL of a decision. The URL must be on this control plane; the bytes
   * are returned as received, and the caller checks their hash.
   */
  public byte[] downloadScript(String url) {
    URI uri = URI.create(url);
    requireOwnOrigin(uri);
    HttpResponse<byte[]> response = download(uri, token());
    if (response.statusCode() == 401) {
      accessToken = null;
      response = download(uri, token());
    }
    if (response.statusCode() != 200) {
      throw Problems.toException(answerOf(response), withoutQuery(uri));
    }
    return response.body();
  }

  private <T> T call(String method, String path, Object body, Class<T> type) {
    URI uri = URI.create(discover().serviceUrl("runtime") + path);
    requireOwnOrigin(uri);
    ApiHttp.Answer answer = http.exchange(method, uri, body, token());
    if (answer.status() == 401) {
      accessToken = null;
      answer = http.exchange(method, uri, body, token());
    }
    if (answer.status() >= 300) {
      throw Problems.toException(answer, uri);
    }
    return answer.body() == null ? null : http.convert(answer.body(), type);
  }

  private synchronized ControlPlane discover() {
    if (controlPlane == null) {
      URI uri = URI.create(controlPlaneUrl + "/.well-known/roberto");
      controlPlane = http.send("GET", uri, null, null, ControlPlane.class);
      if (controlPlane == null || controlPlane.services() == null) {
        throw new RobertoException(
            0,
            "discovery_failed",
            "The control plane at " + controlPlaneUrl + " returned no discovery document.",
            "Check the control plane URL.",
            null);
      }
    }
    return controlPlane;
  }

  /** Returns the current runtime access token, exchanging the credential for one when needed. */
  private synchronized String token() {
    if (accessToken == null) {
      accessToken = exchangeCredential();
    }
    return accessToken;
  }

  private String exchangeCredential() {
    URI uri = URI.create(discover().serviceUrl("auth") + "/oauth2/token");
    requireOwnOrigin(uri);
    String form =
        "grant_type=client_credentials&client_id="
            + formEncode(clientId)
            + "&client_secret="
            + formEncode(clientSecret);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    HttpResponse<byte[]> response = send(request, uri);
    JsonNode body = parse(response.body());
    if (response.statusCode() == 200 && body != null && body.hasNonNull("access_token")) {
      return body.get("access_token").asText();
    }
    if (response.statusCode() == 400 || response.statusCode() == 401) {
      throw new AuthenticationException(
          response.statusCode(),
          "runtime_credentials_invalid",
          "The control plane rejected the runtime credential " + clientId + ".",
          "Check "
              + CLIENT_ID_VARIABLE
              + " and "
              + CLIENT_SECRET_VARIABLE
              + "; a revoked credential needs a new one from an owner or admin.",
          requestIdOf(response));
    }
    throw Problems.toException(answerOf(response), uri);
  }

  private HttpResponse<byte[]> download(URI uri, String bearer) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + bearer)
            .header("Accept", "application/octet-stream, application/problem+json")
            .GET()
            .build();
    return send(request, withoutQuery(uri));
  }

  /** Sends a request; the logged URI leaves out the query, which may carry a signature. */
  private HttpResponse<byte[]> send(HttpRequest request, URI loggedUri) {
    String requestId = UUID.randomUUID().toString();
    HttpRequest withId =
        HttpRequest.newBuilder(request, (name, value) -> true)
            .header("X-Request-Id", requestId)
            .build();
    try {
      HttpResponse<byte[]> response = raw.send(withId, HttpResponse.BodyHandlers.ofByteArray());
      requestLog.accept(
          new RequestLog(
              request.method(), loggedUri, response.statusCode(), requestIdOf(response)));
      return response;
    } catch (IOException e) {
      requestLog.accept(new RequestLog(request.method(), loggedUri, 0, requestId));
      String origin = loggedUri.getScheme() + "://" + loggedUri.getAuthority();
      throw new ServiceUnavailableException(
          0,
          "server_unavailable",
          "The request to " + origin + " failed: " + e.getMessage(),
          "Check that the control plane at " + origin + " is running.",
          requestId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RobertoException(0, "interrupted", "The request was interrupted.", null, null);
    }
  }

  /**
   * Rejects a URL outside this control plane, so neither the runtime token nor a request reaches
   * another host: the allowed origins are the control plane's and those of its listed services.
   */
  private void requireOwnOrigin(URI uri) {
    Set<String> allowed =
        Stream.concat(Stream.of(controlPlaneUrl), discover().services().values().stream())
            .map(url -> origin(URI.create(url)))
            .collect(Collectors.toSet());
    if (uri.getScheme() == null || uri.getHost() == null || !allowed.contains(origin(uri))) {
      throw new RobertoException(
          0,
          "script_url_refused",
          "Refusing to contact "
              + (uri.getHost() == null ? uri.toString() : origin(uri))
              + ", which is not part of the control plane at "
              + controlPlaneUrl
              + ".",
          "Check the control plane's configuration (roberto.updates.public-url), then run"
              + " `roberto runtime check-updates` again.",
          null);
    }
  }

  private ApiHttp.Answer answerOf(HttpResponse<byte[]> response) {
    return new ApiHttp.Answer(response.statusCode(), parse(response.body()), requestIdOf(response));
  }

  private JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return http.json().readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static String requestIdOf(HttpResponse<?> response) {
    return response.headers().firstValue("X-Request-Id").orElse(null);
  }

  private static URI withoutQuery(URI uri) {
    return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath());
  }

  private static String pathPart(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String formEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String origin(URI uri) {
    int port = uri.getPort();
    if (port == -1) {
      port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
    return uri.getScheme().toLowerCase(Locale.ROOT)
        + "://"
        + uri.getHost().toLowerCase(Locale.ROOT)
        + ":"
        + port;
  }
}
