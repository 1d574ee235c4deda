package dev.roberto.common.web;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every HTTP request a correlation id: the caller's {@code X-Request-Id} when it is a short
 * plain token, else a new one. The id goes back in the response header and into problem bodies, so
 * a person can quote it and an operator can find the log line.
 */
@ApplicationScoped
public class CorrelationIds {

  public static final String HEADER = "X-Request-Id";
  static final String KEY = "roberto.correlationId";
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private final CurrentVertxRequest currentRequest;

  public CorrelationIds(CurrentVertxRequest currentRequest) {
    this.currentRequest = currentRequest;
  }

  void assignOnEveryRequest(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).handler(CorrelationIds::assign);
  }

  private static void assign(RoutingContext context) {
    String requested = context.request().getHeader(HEADER);
    String id = requested != null && ACCEPTED.matcher(requested).matches() ? requested : newId();
    context.put(KEY, id);
    context.response().putHeader(HEADER, id);
    context.next();
  }

  /** Returns the id of the request being handled, or a new one outside a request. */
  public String current() {
    RoutingContext context = currentRequest.getCurrent();
    return of(context);
  }

  static String of(RoutingContext context) {
    String id = context == null ? null : context.get(KEY);
    return id != null ? id : newId();
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }
}
