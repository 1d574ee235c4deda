package dev.roberto.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Checks a Quarkus service's readiness endpoint, {@code GET /q/health/ready}. */
final class Readiness {

  /** The status returned when no HTTP response arrived, for example because nothing listens. */
  static final int NO_RESPONSE = -1;

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

  static String readinessUrl(String serviceUrl) {
    return serviceUrl + "/q/health/ready";
  }

  /** Returns the HTTP status of the readiness endpoint, or {@link #NO_RESPONSE}. */
  int status(String serviceUrl) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(readinessUrl(serviceUrl)))
            .timeout(REQUEST_TIMEOUT)
            .GET()
            .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return NO_RESPONSE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return NO_RESPONSE;
    }
  }
}
