package dev.roberto.gateway.provider;

import dev.roberto.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Calls providers over HTTP with the Vert.x client, so that answers can be passed on as they
 * arrive. An attempt succeeds once status and headers arrived with a status below 500; it fails
 * with {@link ProviderFailure} on connect errors, on the first-byte timeout and on 5xx, and then
 * retries with backoff, through the provider's breaker, before it gives up on the provider.
 *
 * <p>Each event loop gets a client of its own. The pool of a Vert.x 4.5 client hands out its most
 * recently used idle connection, whatever event loop that connection runs on. The request write and
 * every response event of the call then pass between two threads, and each pass wakes a thread. A
 * client used from one event loop only opens its connections on that loop, so a call's request and
 * response run on the thread that serves the client's request. Each client keeps up to {@code
 * max-concurrent-calls} connections, because {@link dev.roberto.gateway.limit.CallSlots} already
 * bounds the calls in flight across all of them. The idle connections of all clients together can
 * reach that number times the number of event loops.
 */
@ApplicationScoped
public class UpstreamClient {

  private final GatewayConfig config;
  private final Providers providers;
  private final Vertx vertx;
  private final HttpClientOptions clientOptions;

  /** Clients by event-loop thread. Callers on other threads, such as retries, use offLoop. */
  private final Map<Thread, HttpClient> clients = new ConcurrentHashMap<>();

  private final HttpClient offLoop;

  public UpstreamClient(GatewayConfig config, Providers providers, Vertx vertx) {
    this.config = config;
    this.providers = providers;
    this.vertx = vertx;
    this.clientOptions =
        new HttpClientOptions()
            .setConnectTimeout((int) config.timeouts().connect().toMillis())
            .setMaxPoolSize(config.limits().maxConcurrentCalls())
            .setKeepAlive(true);
    this.offLoop = vertx.createHttpClient(clientOptions);
  }

  /** Returns the client of the calling event loop, or the shared one off the event loops. */
  private HttpClient client() {
    if (!Context.isOnEventLoopThread()) {
      return offLoop;
    }
    return clients.computeIfAbsent(
        Thread.currentThread(), loop -> vertx.createHttpClient(clientOptions));
  }

  /** Sends the request to the provider, with retries and its breaker. */
  public Uni<UpstreamExchange> send(
      ProviderRoute route,
      HttpMethod method,
      String path,
      Map<String, String> headers,
      Buffer body) {
    GatewayConfig.Retries retries = config.retries();
    Supplier<Uni<UpstreamExchange>> attempt = () -> attempt(route, method, path, headers, body);
    Uni<UpstreamExchange> guarded =
        Uni.createFrom().deferred(() -> providers.guarded(route.name(), attempt));
    if (retries.maxRetries() <= 0) {
      return guarded;
    }
    return guarded
        .onFailure(ProviderFailure.class)
        .retry()
        .withBackOff(retries.initialBackoff(), retries.maxBackoff())
        .atMost(retries.maxRetries());
  }

  private Uni<UpstreamExchange> attempt(
      ProviderRoute route,
      HttpMethod method,
      String path,
      Map<String, String> headers,
      Buffer body) {
    Duration firstByte = config.timeouts().firstByte();
    RequestOptions options =
        new RequestOptions()
            .setAbsoluteURI(route.provider().baseUrl() + path)
            .setMethod(method)
            .setConnectTimeout(config.timeouts().connect().toMillis());
    headers.forEach(options::putHeader);
    Uni<UpstreamExchange> exchange =
        Uni.createFrom()
            .emitter(
                emitter -> {
                  // A Vert.x timer on the caller's event loop bounds the wait for the response
                  // headers. Mutiny's ifNoItem would schedule on the worker pool for every call.
                  AtomicBoolean ended = new AtomicBoolean();
                  AtomicBoolean answered = new AtomicBoolean();
                  AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
                  long timer =
                      vertx.setTimer(
                          firstByte.toMillis(),
                          ignored ->
                              emitter.fail(
                                  new ProviderFailure(
                                      route.name(), "no answer within " + firstByte, null)));
                  emitter.onTermination(
                      () -> {
                        ended.set(true);
                        vertx.cancelTimer(timer);
                        HttpClientRequest request = sent.get();
                        if (request != null && !answered.get()) {
                          request.reset();
                        }
                      });
                  client()
                      .request(options)
                      .onFailure(
                          cause ->
                              emitter.fail(
                                  new ProviderFailure(route.name(), "connect failed", cause)))
                      .onSuccess(
                          request -> {
                            sent.set(request);
                            if (ended.get()) {
                              request.reset();
                              return;
                            }
                            (body == null ? request.send() : request.send(body))
                                .onFailure(
                                    cause ->
                                        emitter.fail(
                                            new ProviderFailure(
                                                route.name(), "request failed", cause)))
                                .onSuccess(
                                    response -> {
                                      response.pause();
                                      answered.set(true);
                                      emitter.complete(
                                          new UpstreamExchange(route, request, response));
                                    });
                          });
                });
    return exchange.chain(UpstreamClient::failOnServerError);
  }

  private static Uni<UpstreamExchange> failOnServerError(UpstreamExchange exchange) {
    int status = exchange.response().statusCode();
    if (status < 500) {
      return Uni.createFrom().item(exchange);
    }
    exchange.cancel();
    return Uni.createFrom()
        .failure(new ProviderFailure(exchange.route().name(), "answered " + status, null));
  }
}
