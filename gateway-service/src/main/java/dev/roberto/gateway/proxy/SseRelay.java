package dev.roberto.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roberto.gateway.provider.UpstreamExchange;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes a provider's server-sent events on to the client one event at a time, as they arrive,
 * reading the usage the provider reports on the way. It removes the usage the gateway asked for
 * when the client did not ask for it, and ends the client's stream with an error event when the
 * provider stops before its end marker.
 */
final class SseRelay {

  private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.UTF_8);
  private static final String USAGE_KEY = "\"usage\"";
  private static final String DROPPED_MESSAGE = "The LLM provider ended the stream early.";

  private final Vertx vertx;
  private final ObjectMapper json;
  private final GatewayCall call;
  private final UpstreamExchange exchange;
  private final HttpServerResponse out;
  private final boolean stripUsage;
  private final long chunkGapMillis;
  private Buffer pending = Buffer.buffer();
  private boolean endSeen;
  private boolean firstEventSent;
  private long gapTimer = -1;

  SseRelay(
      Vertx vertx,
      ObjectMapper json,
      GatewayCall call,
      UpstreamExchange exchange,
      HttpServerResponse out,
      boolean stripUsage,
      Duration chunkGap) {
    this.vertx = vertx;
    this.json = json;
    this.call = call;
    this.exchange = exchange;
    this.out = out;
    this.stripUsage = stripUsage;
    this.chunkGapMillis = chunkGap.toMillis();
  }

  void start() {
    HttpClientResponse in = exchange.response();
    out.setStatusCode(in.statusCode());
    out.setChunked(true);
    String contentType = in.getHeader("Content-Type");
    out.putHeader("Content-Type", contentType != null ? contentType : "text/event-stream");
    out.putHeader("Cache-Control", "no-cache");
    out.closeHandler(ignored -> clientGone());
    out.drainHandler(ignored -> in.resume());
    in.handler(this::received);
    in.endHandler(ignored -> upstreamEnded());
    in.exceptionHandler(failure -> providerDropped());
    armGapTimer();
    in.resume();
  }

  private void received(Buffer chunk) {
    if (call.isFinished()) {
      return;
    }
    armGapTimer();
    Buffer unread = pending.length() == 0 ? chunk : pending.appendBuffer(chunk);
    List<Buffer> events = new ArrayList<>();
    int start = 0;
    int end;
    while ((end = indexOfEventEnd(unread, start)) >= 0) {
      int next = end + EVENT_END.length;
      events.add(unread.getBuffer(start, next));
      start = next;
    }
    pending = start == 0 && unread != chunk ? unread : unread.getBuffer(start, unread.length());
    relay(events);
    if (out.writeQueueFull()) {
      exchange.response().pause();
    }
  }

  /**
   * Passes on the events that arrived together in one write, because each write is a system call
   * and one read from the provider often contains many events. An event that cannot change goes out
   * before it is read, so reading it adds nothing to the client's wait. Only an event that names a
   * usage the client did not ask for is read first, to remove that usage.
   */
  private void relay(List<Buffer> events) {
    if (events.isEmpty()) {
      return;
    }
    Buffer batch = Buffer.buffer();
    List<String> unread = new ArrayList<>(events.size());
    for (Buffer event : events) {
      String text = event.toString(StandardCharsets.UTF_8);
      if (!stripUsage || !text.contains(USAGE_KEY)) {
        batch.appendBuffer(event);
        unread.add(text);
        continue;
      }
      String forwarded = inspect(text);
      if (forwarded == text) {
        batch.appendBuffer(event);
      } else if (forwarded != null) {
        batch.appendString(forwarded);
      }
    }
    write(batch);
    unread.forEach(this::inspect);
  }

  private void write(Buffer events) {
    if (events.length() == 0) {
      return;
    }
    out.write(events);
    if (!firstEventSent) {
      firstEventSent = true;
      call.firstEventSent(exchange.route().name());
    }
  }

  private void upstreamEnded() {
    if (call.isFinished()) {
      return;
    }
    cancelGapTimer();
    if (pending.length() > 0) {
      relay(List.of(pending));
      pending = Buffer.buffer();
    }
    if (out.closed()) {
      clientGone();
      return;
    }
    if (!endSeen) {
      providerDropped();
      return;
    }
    out.end();
    call.finish(exchange.route().name(), GatewayCall.COMPLETED);
  }

  private void providerDropped() {
    if (call.isFinished()) {
      return;
    }
    if (out.closed()) {
      clientGone();
      return;
    }
    cancelGapTimer();
    exchange.cancel();
    if (!out.ended() && !out.closed()) {
      out.end(errorEvent());
    }
    call.finish(exchange.route().name(), GatewayCall.PROVIDER_DROPPED);
  }

  private void clientGone() {
    if (call.isFinished()) {
      return;
    }
    cancelGapTimer();
    exchange.cancel();
    call.finish(exchange.route().name(), GatewayCall.CLIENT_DISCONNECTED);
  }

  /** Reads one event and returns what to pass on: the event as it came, rewritten, or null. */
  private String inspect(String event) {
    String data = dataOf(event);
    if (data == null) {
      return event;
    }
    if (data.equals("[DONE]")) {
      endSeen = true;
      return event;
    }
    JsonNode node;
    try {
      node = json.readTree(data);
    } catch (Exception e) {
      return event;
    }
    return call.endpoint == Endpoint.MESSAGES
        ? anthropicEvent(event, node)
        : openAiEvent(event, node);
  }

  private String openAiEvent(String event, JsonNode node) {
    for (JsonNode choice : node.path("choices")) {
      call.meter.streamed(choice.path("delta").path("content").asText(null));
    }
    JsonNode usage = node.get("usage");
    if (usage != null && usage.isObject()) {
      call.meter.openAiUsage(usage);
    }
    if (!stripUsage || usage == null || !node.isObject()) {
      return event;
    }
    if (usage.isObject() && node.path("choices").isEmpty()) {
      return null;
    }
    ((ObjectNode) node).remove("usage");
    return "data: " + node + "\n\n";
  }

  private String anthropicEvent(String event, JsonNode node) {
    switch (node.path("type").asText("")) {
      case "message_start" -> call.meter.anthropicUsage(node.path("message").path("usage"));
      case "message_delta" -> call.meter.anthropicUsage(node.path("usage"));
      case "content_block_delta" ->
          call.meter.streamed(node.path("delta").path("text").asText(null));
      case "message_stop", "error" -> endSeen = true;
      default -> {
        // Other events carry no usage.
      }
    }
    return event;
  }

  private String errorEvent() {
    ObjectNode error = json.createObjectNode();
    if (call.endpoint == Endpoint.MESSAGES) {
      error.put("type", "error");
      error.putObject("error").put("type", "api_error").put("message", DROPPED_MESSAGE);
      return "event: error\ndata: " + error + "\n\n";
    }
    error
        .putObject("error")
        .put("message", DROPPED_MESSAGE)
        .put("type", GatewayProblems.PROVIDER_UNAVAILABLE)
        .put("code", GatewayProblems.PROVIDER_UNAVAILABLE);
    return "data: " + error + "\n\n";
  }

  /** Returns the joined {@code data:} lines of the event, or null when it has none. */
  private static String dataOf(String event) {
    StringBuilder data = null;
    int lineStart = 0;
    int length = event.length();
    while (lineStart < length) {
      int lineEnd = event.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = length;
      }
      int contentEnd =
          lineEnd > lineStart && event.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
      if (event.startsWith("data:", lineStart)) {
        int valueStart = lineStart + 5;
        if (valueStart < contentEnd && event.charAt(valueStart) == ' ') {
          valueStart++;
        }
        String value = event.substring(Math.min(valueStart, contentEnd), contentEnd);
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      }
      lineStart = lineEnd + 1;
    }
    return data == null ? null : data.toString();
  }

  /** Returns where the first blank line at or after {@code from} starts, or -1. */
  private static int indexOfEventEnd(Buffer buffer, int from) {
    int length = buffer.length();
    for (int i = from; i + 1 < length; i++) {
      byte current = buffer.getByte(i);
      if (current == '\n' && buffer.getByte(i + 1) == '\n') {
        return i;
      }
      if (current == '\r'
          && i + 3 < length
          && buffer.getByte(i + 1) == '\n'
          && buffer.getByte(i + 2) == '\r'
          && buffer.getByte(i + 3) == '\n') {
        return i + 2;
      }
    }
    return -1;
  }

  private void armGapTimer() {
    cancelGapTimer();
    gapTimer = vertx.setTimer(chunkGapMillis, ignored -> providerDropped());
  }

  private void cancelGapTimer() {
    if (gapTimer >= 0) {
      vertx.cancelTimer(gapTimer);
      gapTimer = -1;
    }
  }
}
