package dev.roberto.client.login;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roberto.client.ApiHttp;
import dev.roberto.client.AuthenticationException;
import dev.roberto.client.RobertoException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Polls for the tokens of a device login as RFC 8628 section 3.5 asks: wait {@code interval}
 * seconds before each poll, add 5 seconds on each {@code slow_down} (or take the server's larger
 * value) and never shrink the interval again. {@code expired_token}, {@code access_denied} and
 * {@code invalid_grant} end the login with an {@link AuthenticationException}.
 */
public final class DevicePolling {

  /** Seconds added to the interval on each {@code slow_down}. */
  public static final int SLOW_DOWN_STEP = 5;

  private final ApiHttp http;
  private final Sleeper sleeper;
  private final Clock clock;

  public DevicePolling(ApiHttp http, Sleeper sleeper, Clock clock) {
    this.http = http;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  /** Polls {@code tokenUri} until the login is approved, and returns its tokens. */
  public TokenPair awaitTokens(URI tokenUri, DeviceCode code) {
    int interval = Math.max(code.interval(), 1);
    while (true) {
      if (!clock.instant().plusSeconds(interval).isBefore(code.expiresAt())) {
        throw expired(null);
      }
      sleep(Duration.ofSeconds(interval));
      ApiHttp.Answer answer =
          http.exchange("POST", tokenUri, Map.of("deviceCode", code.deviceCode()), null);
      if (answer.status() == 200) {
        return http.convert(answer.body(), TokenPair.class);
      }
      String error = text(answer.body(), "code");
      if ("authorization_pending".equals(error)) {
        // A larger interval from the server is kept; a smaller one never shrinks the wait.
        interval = Math.max(interval, intOf(answer.body(), "interval"));
        continue;
      }
      if ("slow_down".equals(error)) {
        interval = Math.max(interval + SLOW_DOWN_STEP, intOf(answer.body(), "interval"));
        continue;
      }
      throw failure(error, answer);
    }
  }

  private RobertoException failure(String error, ApiHttp.Answer answer) {
    String requestId = answer.requestId();
    if ("expired_token".equals(error)) {
      return expired(requestId);
    }
    if ("access_denied".equals(error)) {
      return new AuthenticationException(
          answer.status(),
          error,
          "The login was denied in the browser.",
          "Run `roberto auth login` again if that was a mistake.",
          requestId);
    }
    if ("invalid_grant".equals(error)) {
      return new AuthenticationException(
          answer.status(),
          error,
          "The login is unknown to the server or its tokens were already issued.",
          "Run `roberto auth login` again.",
          requestId);
    }
    String hint = text(answer.body(), "hint");
    String detail = text(answer.body(), "detail");
    return new RobertoException(
        answer.status(),
        error != null ? error : "http_" + answer.status(),
        detail != null ? detail : "Polling for the login's tokens failed with " + answer.status(),
        hint,
        requestId);
  }

  private static AuthenticationException expired(String requestId) {
    return new AuthenticationException(
        400,
        "expired_token",
        "The login code expired before anyone approved it.",
        "Run `roberto auth login` again and approve it within the time shown.",
        requestId);
  }

  private void sleep(Duration duration) {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RobertoException(
          0, "interrupted", "Waiting for the login was interrupted.", null, null);
    }
  }

  private static String text(JsonNode body, String field) {
    return body != null && body.hasNonNull(field) ? body.get(field).asText() : null;
  }

  private static int intOf(JsonNode body, String field) {
    return body != null && body.hasNonNull(field) ? body.get(field).asInt() : 0;
  }
}
