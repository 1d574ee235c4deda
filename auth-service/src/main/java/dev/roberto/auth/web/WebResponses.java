package dev.roberto.auth.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Responses shared by the web app's pages: HTML with the CSRF cookie, redirects, refusals. */
final class WebResponses {

  static final String SESSION_COOKIE = "roberto_session";

  private WebResponses() {}

  /** Returns the page with the browser's CSRF cookie set, and never cached. */
  static Response page(int status, TemplateInstance page, NewCookie csrfCookie) {
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header("Cache-Control", "no-store")
        .cookie(csrfCookie)
        .entity(page)
        .build();
  }

  static Response page(int status, TemplateInstance page) {
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header("Cache-Control", "no-store")
        .entity(page)
        .build();
  }

  /** Sends the browser to the sign-in page, which returns it to {@code next} afterwards. */
  static Response toSignIn(String next) {
    return Response.seeOther(
            URI.create("/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)))
        .build();
  }

  static Response redirect(String path) {
    return Response.seeOther(URI.create(path)).build();
  }

  /** Rejects a form whose CSRF token is missing or wrong, with a page that says so. */
  static Response csrfRejected(String retryPath) {
    return page(
        403,
        Pages.message(
            "Form expired",
            "This form was too old or did not come from this site, so nothing was changed."
                + " Open the page again and retry.",
            retryPath));
  }

  /** Returns the path if it is a local path on this site, else the fallback. */
  static String localPath(String path, String fallback) {
    if (path == null
        || !path.startsWith("/")
        || path.startsWith("//")
        || path.contains("\\")
        || path.length() > 500) {
      return fallback;
    }
    return path;
  }

  static NewCookie sessionCookie(String value, WebConfig config) {
    return new NewCookie.Builder(SESSION_COOKIE)
        .value(value)
        .path("/")
        .httpOnly(true)
        .secure(config.secureCookies())
        .sameSite(NewCookie.SameSite.LAX)
        .maxAge((int) config.sessionLifetime().toSeconds())
        .build();
  }

  static NewCookie expiredSessionCookie(WebConfig config) {
    return new NewCookie.Builder(SESSION_COOKIE)
        .value("")
        .path("/")
        .httpOnly(true)
        .secure(config.secureCookies())
        .sameSite(NewCookie.SameSite.LAX)
        .maxAge(0)
        .build();
  }
}
