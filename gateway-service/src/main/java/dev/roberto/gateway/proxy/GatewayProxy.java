package dev.roberto.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roberto.common.db.DatabaseOutage;
import dev.roberto.common.problem.ProblemCodes;
import dev.roberto.common.problem.ProblemException;
import dev.roberto.common.problem.Problems;
import dev.roberto.gateway.allowlist.ModelAllowList;
import dev.roberto.gateway.allowlist.ModelAllowLists;
import dev.roberto.gateway.config.GatewayConfig;
import dev.roberto.gateway.limit.CallSlots;
import dev.roberto.gateway.limit.RateLimiter;
import dev.roberto.gateway.limit.Reservations;
import dev.roberto.gateway.metrics.GatewayMetrics;
import dev.roberto.gateway.provider.ProviderRoute;
import dev.roberto.gateway.provider.Providers;
import dev.roberto.gateway.provider.UpstreamClient;
import dev.roberto.gateway.provider.UpstreamExchange;
import dev.roberto.gateway.usage.Pricing;
import dev.roberto.gateway.usage.UsageBacklog;
import dev.roberto.gateway.usage.UsageMeter;
import dev.roberto.gateway.usage.UsageRecorder;
import dev.roberto.gateway.usage.WorkspaceSpend;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Serves a gateway call. It admits the call, checks the model against the providers and the agent's
 * allow-list, and forwards the call to the first provider that responds. It passes the response
 * back, streamed as it arrives, and records usage.
 */
@ApplicationScoped
public class GatewayProxy {

  static final String REQUEST_ID_HEADER = "X-Request-Id";

  /** Routing-context key of common's CorrelationIds, set here so that logs and problems agree. */
  static final String CORRELATION_KEY = "roberto.correlationId";

  /** Top-level fields of a request body that the gateway reads. It skips the others. */
  private static final Set<String> REQUEST_FIELDS =
      Set.of("model", "stream", "stream_options", "max_completion_tokens", "max_tokens");

  private static final Set<String> RESPONSE_FIELDS = Set.of("usage");

  private static final byte[] STREAM_OPTIONS_FIELD =
      "\"stream_options\":{\"include_usage\":true},".getBytes(StandardCharsets.UTF_8);

  private static final String ANTHROPIC_VERSION = "anthropic-version";
  private static final String DEFAULT_ANTHROPIC_VERSION = "2023-06-01";

  private final Admission admission;
  private final Providers providers;
  private final UpstreamClient upstream;
  private final UsageRecorder recorder;
  private final GatewayConfig config;
  private final ObjectMapper json;
  private final Vertx vertx;
  private final RateLimiter rateLimiter;
  private final Reservations reservations;
  private final WorkspaceSpend spend;
  private final CallSlots slots;
  private final Pricing pricing;
  private final GatewayMetrics metrics;
  private final ModelAllowLists allowLists;
  private final UsageBacklog backlog;
  private final long databaseRetryAfterSeconds;

  public GatewayProxy(
      Admission admission,
      Providers providers,
      UpstreamClient upstream,
      UsageRecorder recorder,
      GatewayConfig config,
      ObjectMapper json,
      Vertx vertx,
      RateLimiter rateLimiter,
      Reservations reservations,
      WorkspaceSpend spend,
      CallSlots slots,
      Pricing pricing,
      GatewayMetrics metrics,
      ModelAllowLists allowLists,
      UsageBacklog backlog,
      @ConfigProperty(name = "roberto.database.retry-after", defaultValue = "PT5S")
          Duration databaseRetryAfter) {
    this.admission = admission;
    this.providers = providers;
    this.upstream = upstream;
    this.recorder = recorder;
    this.config = config;
    this.json = json;
    this.vertx = vertx;
    this.rateLimiter = rateLimiter;
    this.reservations = reservations;
    this.spend = spend;
    this.slots = slots;
    this.pricing = pricing;
    this.metrics = metrics;
    this.allowLists = allowLists;
    this.backlog = backlog;
    this.databaseRetryAfterSeconds = Math.max(1, databaseRetryAfter.toSeconds());
  }

  /** Handles the request on the route of the endpoint. */
  void handle(RoutingContext context, Endpoint endpoint) {
    long startedNanos = System.nanoTime();
    String requestId = newRequestId();
    context.put(CORRELATION_KEY, requestId);
    context.response().putHeader(REQUEST_ID_HEADER, requestId);
    String endpointName = endpoint.path().substring("/v1/".length());
    context.addEndHandler(
        ended -> metrics.request(endpointName, context.response().getStatusCode()));
    admission
        .admit(context.request(), context.pathParam("agentId"))
        .chain(
            admitted -> {
              Duration wait = rateLimiter.acquire(admitted.agentId());
              if (wait != null) {
                throw GatewayProblems.rateLimited(wait);
              }
              ModelAllowList cached = allowLists.cached(admitted.agentId());
              if (cached != null) {
                return serve(context, endpoint, admitted, cached, requestId, startedNanos);
              }
              return allowLists
                  .forAgent(admitted.agentId())
                  .chain(
                      allowList ->
                          serve(context, endpoint, admitted, allowList, requestId, startedNanos));
            })
        .subscribe()
        .with(ignored -> {}, failure -> fail(context, failure, requestId));
  }

  /** Rejects a method that the endpoint does not accept, and names the accepted one in Allow. */
  void rejectMethod(RoutingContext context, Endpoint endpoint) {
    String requestId = newRequestId();
    context.response().putHeader(REQUEST_ID_HEADER, requestId);
    context.response().putHeader("Allow", endpoint.method().name());
    HttpServerRequest request = context.request();
    ProblemException problem =
        GatewayProblems.methodNotAllowed(request.method().name(), request.path(), endpoint);
    GatewayProblems.write(context, json, problem, requestId);
  }

  /**
   * Returns a random (version 4) UUID for the request. The id is shown to the client and serves as
   * the usage event id, so it must be unique but need not be unpredictable. {@link
   * ThreadLocalRandom} gives its 122 random bits more cheaply than the SecureRandom behind {@link
   * UUID#randomUUID}.
   */
  static String newRequestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L;
    long leastSignificant = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(mostSignificant, leastSignificant).toString();
  }

  /** Serves an admitted call: the model checks, then the model list or the provider call. */
  private Uni<Void> serve(
      RoutingContext context,
      Endpoint endpoint,
      Admission.Admitted admitted,
      ModelAllowList allowList,
      String requestId,
      long startedNanos) {
    checkQueryModels(context, admitted.agentId(), allowList);
    if (endpoint == Endpoint.MODELS) {
      return listModels(context, allowList);
    }
    Request request = parse(context, endpoint, admitted.agentId(), allowList);
    long maxCost = maxCost(request, context.body().length());
    String workspaceId = admitted.workspaceId();
    Supplier<Uni<Void>> forwarded =
        () -> {
          GatewayCall call =
              new GatewayCall(
                  requestId,
                  admitted.agentId(),
                  workspaceId,
                  request.model(),
                  endpoint,
                  new UsageMeter(context.body().length()),
                  startedNanos,
                  recorder,
                  metrics,
                  slots::release,
                  () -> reservations.release(workspaceId, maxCost));
          return forward(context, request, call).onFailure().invoke(call::abandon);
        };
    // A call that reserves nothing and finds room for its usage and a free slot skips the waits.
    if (maxCost <= 0 && backlog.hasRoom() && slots.tryAcquire()) {
      return forwarded.get();
    }
    return backlog
        .awaitRoom()
        .chain(() -> reserve(admitted, maxCost))
        .chain(slots::acquire)
        .chain(forwarded::get);
  }

  /**
   * Computes the largest cost the request can reach: its whole body as input, and its output limit.
   */
  private long maxCost(Request request, long bodyBytes) {
    long inputTokens = (bodyBytes + 3) / 4;
    return pricing.cost(request.model(), inputTokens, request.maxOutputTokens(), 0);
  }

  private Uni<Void> reserve(Admission.Admitted admitted, long maxCost) {
    if (maxCost <= 0) {
      return Uni.createFrom().voidItem();
    }
    String workspaceId = admitted.workspaceId();
    return spend
        .spentSince(workspaceId, admitted.billingSyncedAt())
        .invoke(
            spent -> {
              long available = admitted.creditBalanceMicros() - spent;
              if (!reservations.reserve(workspaceId, available, maxCost)) {
                throw GatewayProblems.creditsExhausted(workspaceId);
              }
            })
        .replaceWithVoid();
  }

  /** Lists the configured models that the agent may use, in the OpenAI and Anthropic shapes. */
  private Uni<Void> listModels(RoutingContext context, ModelAllowList allowList) {
    ObjectNode list = json.createObjectNode();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    for (String model : providers.models()) {
      if (!allowList.permits(model)) {
        continue;
      }
      data.addObject()
          .put("id", model)
          .put("object", "model")
          .put("type", "model")
          .put("display_name", model)
          .put("created", 0)
          .put("created_at", "1970-01-01T00:00:00Z")
          .put("owned_by", "roberto");
    }
    list.put("has_more", false);
    list.put("first_id", data.isEmpty() ? null : data.get(0).path("id").asText());
    list.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).path("id").asText());
    context.response().putHeader("Content-Type", "application/json").end(list.toString());
    return Uni.createFrom().voidItem();
  }

  /** A parsed request body: the model, whether the client wants a stream, what to send on. */
  private record Request(
      Endpoint endpoint,
      String model,
      boolean stream,
      boolean stripUsage,
      long maxOutputTokens,
      List<ProviderRoute> routes,
      Buffer body) {}

  private Request parse(
      RoutingContext context, Endpoint endpoint, String agentId, ModelAllowList allowList) {
    Buffer raw = context.body().buffer();
    Map<String, JsonNode> body;
    try {
      body = raw == null ? null : JsonFields.read(json, raw.getBytes(), REQUEST_FIELDS);
    } catch (Exception e) {
      throw GatewayProblems.malformedJson();
    }
    if (body == null) {
      throw GatewayProblems.invalidBody("The request body must be a JSON object.");
    }
    JsonNode modelNode = body.get("model");
    if (modelNode == null || !modelNode.isTextual() || modelNode.asText().isBlank()) {
      throw GatewayProblems.modelRequired();
    }
    String model = modelNode.asText();
    if (!allowList.permits(model)) {
      throw GatewayProblems.modelNotOnAllowList(model, agentId);
    }
    List<ProviderRoute> routes = providers.serving(endpoint.kind(), model);
    if (routes.isEmpty()) {
      throw GatewayProblems.modelNotAllowed(model);
    }
    boolean stream = endpoint != Endpoint.EMBEDDINGS && field(body, "stream").asBoolean(false);
    boolean stripUsage = false;
    Buffer forwarded = raw;
    if (stream && endpoint == Endpoint.CHAT_COMPLETIONS) {
      JsonNode includeUsage = field(body, "stream_options").path("include_usage");
      if (!includeUsage.asBoolean(false)) {
        forwarded =
            body.containsKey("stream_options") ? withUsageRequested(raw) : withUsageField(raw);
        stripUsage = true;
      }
    }
    long maxOutputTokens = 0;
    if (endpoint != Endpoint.EMBEDDINGS) {
      JsonNode limit =
          body.containsKey("max_completion_tokens")
              ? body.get("max_completion_tokens")
              : body.get("max_tokens");
      maxOutputTokens =
          limit != null && limit.canConvertToLong() && limit.asLong() > 0
              ? limit.asLong()
              : config.limits().defaultMaxOutputTokens();
    }
    return new Request(endpoint, model, stream, stripUsage, maxOutputTokens, routes, forwarded);
  }

  private static JsonNode field(Map<String, JsonNode> body, String name) {
    JsonNode node = body.get(name);
    return node != null ? node : MissingNode.getInstance();
  }

  /**
   * Returns the body with {@code stream_options.include_usage} set, so that usage can be read, when
   * the body has stream options of its own.
   */
  private Buffer withUsageRequested(Buffer raw) {
    try {
      ObjectNode body = (ObjectNode) json.readTree(raw.getBytes());
      body.withObject("/stream_options").put("include_usage", true);
      return Buffer.buffer(json.writeValueAsBytes(body));
    } catch (Exception e) {
      throw GatewayProblems.malformedJson();
    }
  }

  /**
   * Returns the body with a {@code stream_options} field that requests usage, inserted right after
   * the object's opening brace. The body has no such field, and has a model field, so the inserted
   * field's trailing comma is valid JSON. This spares the tree that {@link #withUsageRequested}
   * builds and writes: on every streamed call, that took longer than the rest of the body checks.
   */
  private static Buffer withUsageField(Buffer raw) {
    int brace = 0;
    while (raw.getByte(brace) != '{') {
      brace++;
    }
    int rest = brace + 1;
    return Buffer.buffer(raw.length() + STREAM_OPTIONS_FIELD.length)
        .appendBuffer(raw, 0, rest)
        .appendBytes(STREAM_OPTIONS_FIELD)
        .appendBuffer(raw, rest, raw.length() - rest);
  }

  /** Rejects every {@code ?model=} value that the agent may not use or that no provider serves. */
  private void checkQueryModels(RoutingContext context, String agentId, ModelAllowList allowList) {
    for (String model : context.queryParam("model")) {
      if (!allowList.permits(model)) {
        throw GatewayProblems.modelNotOnAllowList(model, agentId);
      }
      if (!providers.models().contains(model)) {
        throw GatewayProblems.modelNotAllowed(model);
      }
    }
  }

  private Uni<Void> forward(RoutingContext context, Request request, GatewayCall call) {
    return sendToFirstAnswering(context, request, 0)
        .invoke(exchange -> answer(context, request, call, exchange))
        .replaceWithVoid();
  }

  private Uni<UpstreamExchange> sendToFirstAnswering(
      RoutingContext context, Request request, int index) {
    ProviderRoute route = request.routes().get(index);
    return upstream
        .send(
            route,
            request.endpoint().method(),
            request.endpoint().path(),
            upstreamHeaders(context, route),
            request.body())
        .onFailure()
        .recoverWithUni(
            failure -> {
              metrics.providerError(route.name());
              Log.warnf(
                  "Provider %s failed for gateway call %s: %s",
                  route.name(), context.get(CORRELATION_KEY), failure.getMessage());
              if (index + 1 < request.routes().size()) {
                return sendToFirstAnswering(context, request, index + 1);
              }
              return Uni.createFrom()
                  .failure(
                      GatewayProblems.providerUnavailable(
                          request.model(), config.unavailableRetryAfter()));
            });
  }

  private Map<String, String> upstreamHeaders(RoutingContext context, ProviderRoute route) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", "application/json");
    String accept = context.request().getHeader("Accept");
    headers.put("Accept", accept != null ? accept : "application/json");
    route.provider().apiKey().ifPresent(key -> setKey(headers, route, key));
    if (route.kind() == GatewayConfig.Kind.ANTHROPIC) {
      String version = context.request().getHeader(ANTHROPIC_VERSION);
      headers.put(ANTHROPIC_VERSION, version != null ? version : DEFAULT_ANTHROPIC_VERSION);
      String beta = context.request().getHeader("anthropic-beta");
      if (beta != null) {
        headers.put("anthropic-beta", beta);
      }
    }
    return headers;
  }

  private static void setKey(Map<String, String> headers, ProviderRoute route, String key) {
    if (route.kind() == GatewayConfig.Kind.ANTHROPIC) {
      headers.put(Admission.API_KEY_HEADER, key);
    } else {
      headers.put("Authorization", "Bearer " + key);
    }
  }

  private void answer(
      RoutingContext context, Request request, GatewayCall call, UpstreamExchange exchange) {
    HttpClientResponse response = exchange.response();
    int status = response.statusCode();
    if (status == 429) {
      String retryAfter = response.getHeader("Retry-After");
      exchange.cancel();
      call.abandon();
      if (retryAfter != null) {
        context.response().putHeader("Retry-After", retryAfter);
      }
      GatewayProblems.write(
          context, json, GatewayProblems.providerRateLimited(retryAfter), call.requestId);
      return;
    }
    String contentType = response.getHeader("Content-Type");
    boolean eventStream = contentType != null && contentType.startsWith("text/event-stream");
    if (status / 100 == 2 && request.stream() && eventStream) {
      new SseRelay(
              vertx,
              json,
              call,
              exchange,
              context.response(),
              request.stripUsage(),
              config.timeouts().chunkGap())
          .start();
      return;
    }
    response
        .body()
        .onSuccess(body -> answerWhole(context, call, exchange, body))
        .onFailure(
            failure -> {
              call.finish(exchange.route().name(), GatewayCall.PROVIDER_DROPPED);
              fail(
                  context,
                  GatewayProblems.providerUnavailable(call.model, config.unavailableRetryAfter()),
                  call.requestId);
            });
    response.resume();
  }

  private void answerWhole(
      RoutingContext context, GatewayCall call, UpstreamExchange exchange, Buffer body) {
    int status = exchange.response().statusCode();
    String contentType = exchange.response().getHeader("Content-Type");
    context
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", contentType != null ? contentType : "application/json")
        .end(body);
    if (status / 100 != 2) {
      call.abandon();
      return;
    }
    try {
      Map<String, JsonNode> fields = JsonFields.read(json, body.getBytes(), RESPONSE_FIELDS);
      JsonNode usage = fields == null ? null : fields.get("usage");
      if (call.endpoint == Endpoint.MESSAGES) {
        call.meter.anthropicUsage(usage);
      } else {
        call.meter.openAiUsage(usage);
      }
    } catch (Exception e) {
      Log.debugf("The provider response to gateway call %s is not JSON", call.requestId);
    }
    call.finish(exchange.route().name(), GatewayCall.COMPLETED);
  }

  private void fail(RoutingContext context, Throwable failure, String requestId) {
    if (DatabaseOutage.isCause(failure)) {
      Log.warnf(
          "Database unavailable on gateway call %s: %s",
          requestId, DatabaseOutage.describe(failure));
      failure = Problems.databaseUnavailable(databaseRetryAfterSeconds);
    }
    if (failure instanceof ProblemException problem) {
      Object retryAfter = problem.extensions().get("retryAfterSeconds");
      if (retryAfter != null) {
        context.response().putHeader("Retry-After", retryAfter.toString());
      }
      if (problem.code().equals(GatewayProblems.PROVIDER_UNAVAILABLE)) {
        context
            .response()
            .putHeader(
                "Retry-After",
                Long.toString(GatewayProblems.seconds(config.unavailableRetryAfter())));
      }
      GatewayProblems.write(context, json, problem, requestId);
      return;
    }
    Log.errorf(failure, "Gateway call %s failed", requestId);
    GatewayProblems.write(
        context,
        json,
        new ProblemException(
            500,
            ProblemCodes.INTERNAL_ERROR,
            "Internal error",
            "The gateway failed unexpectedly.",
            "Retry later; quote the correlationId if it keeps failing."),
        requestId);
  }
}
