package dev.roberto.auth.web;

import dev.roberto.auth.device.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

/**
 * CSRF protection of the web forms with a double-submit cookie: each form carries the value of an
 * HttpOnly, SameSite=Strict cookie, and a POST is accepted only when both are present and equal.
 * Another site can make a browser send the cookie but cannot read it to fill the form field.
 *
 * <p>quarkus-rest-csrf does the same, but its filter rejects every form POST without its cookie
 * (Quarkus 3.33), which would also reject stock OAuth clients at {@code /oauth2/token} and {@code
 * /oauth2/device_authorization}. This check runs only in the web app's resources.
 */
@ApplicationScoped
public class CsrfTokens {

  public static final String COOKIE = "roberto_csrf";
  public static final String FIELD = "csrf-token";

  private final WebConfig config;

  public CsrfTokens(WebConfig config) {
    this.config = config;
  }

  /** Returns the browser's token, or a new one when it has none yet. */
  public String tokenFor(String cookieValue) {
    return isWellFormed(cookieValue) ? cookieValue : Secrets.newSecret();
  }

  /** Returns the cookie that gives the browser the token. */
  public NewCookie cookie(String token) {
    return new NewCookie.Builder(COOKIE)
        .value(token)
        .path("/")
        .httpOnly(true)
        .secure(config.secureCookies())
        .sameSite(NewCookie.SameSite.STRICT)
        .build();
  }

  /** Tells whether a form's token matches the browser's cookie. */
  public boolean accepts(String cookieValue, String formValue) {
    return isWellFormed(cookieValue) && Secrets.constantTimeEquals(cookieValue, formValue);
  }

  private static boolean isWellFormed(String value) {
    return value != null && value.matches("[A-Za-z0-9_-]{43}");
  }
}
