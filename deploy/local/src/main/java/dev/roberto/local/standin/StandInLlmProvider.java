package dev.roberto.local.standin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.roberto.local.LogFormat;
import dev.roberto.local.standin.StandInResponses.ServerSentEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A stand-in LLM provider for local runs, tests and benchmarks. It is not a real model: every
 * request gets the same fixed reply and the same token counts at once.
 *
 * <p>It serves, on a loopback port, the OpenAI-compatible {@code POST /v1/chat/completions} (plain
 * JSON, or server-sent events with {@code "stream": true}), {@code POST /v1/embeddings} and {@code
 * GET /v1/models}, and the Anthropic-compatible {@code POST /v1/messages} (plain or streamed). It
 * accepts any API key and checks only the request fields it reads: {@code model}, {@code stream},
 * {@code stream_options}, {@code messages}, {@code input}, {@code dimensions} and {@code
 * encoding_format}.
 */
public final class StandInLlmProvider implements AutoCloseable {

  public static final int DEFAULT_PORT = 8089;
  public static final int DEFAULT_THREADS = 32;

  private static final Logger LOG = Logger.getLogger(StandInLlmProvider.class.getName());
  private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
  private static final int BACKLOG = 256;
  private static final String JSON = "application/json";
  private static final String EVENT_STREAM = "text/event-stream; charset=utf-8";
  private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";
  private static final String MAX_IDLE_CONNECTIONS_PROPERTY =
      "sun.net.httpserver.maxIdleConnections";
  private static final int MAX_IDLE_CONNECTIONS = 2000;

  private final ObjectMapper mapper = new ObjectMapper();
  private final StandInResponses responses = new StandInResponses(mapper);
  private final AtomicLong requestCounter = new AtomicLong();
  private final HttpServer server;
  private final ExecutorService executor;

  private StandInLlmProvider(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts the provider on 127.0.0.1. Port 0 picks a free port, which {@link #port()} then returns.
   *
   * @throws UncheckedIOException when the port cannot be bound, for example because it is in use
   */
  public static StandInLlmProvider start(int port, int threads) {
    // The JDK server reads these properties once, when the JVM creates its first HttpServer.
    // Without TCP_NODELAY, Nagle's algorithm holds back part of each small response until the
    // client's delayed ACK arrives: wrk measured a median of 46 ms instead of 0.1 ms on loopback.
    setUnlessSet(NO_DELAY_PROPERTY, "true");
    // The server closes a kept-alive connection that becomes idle while it holds the maximum of
    // idle ones (200 by default), and clients with many connections then see read errors.
    setUnlessSet(MAX_IDLE_CONNECTIONS_PROPERTY, String.valueOf(MAX_IDLE_CONNECTIONS));
    HttpServer server;
    try {
      server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Starting the stand-in LLM provider on 127.0.0.1:" + port + " failed: " + e.getMessage(),
          e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(threads, daemonThreads());
    StandInLlmProvider provider = new StandInLlmProvider(server, executor);
    server.createContext("/", provider::handle);
    server.setExecutor(executor);
    server.start();
    LOG.info(
        "Stand-in LLM provider started at "
            + provider.baseUrl()
            + ". It is not a real model: every request gets the same fixed reply.");
    return provider;
  }

  private static void setUnlessSet(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Returns the base URL without {@code /v1}, for example {@code http://127.0.0.1:8089}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** Stops accepting requests, lets running exchanges finish for up to one second, then stops. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      route(exchange);
    } catch (IOException e) {
      // Most often the client closed the connection during a stream.
      LOG.log(
          Level.FINE,
          "Writing the response to " + exchange.getRequestURI() + " failed: " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Handling " + exchange.getRequestURI() + " failed", e);
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    switch (path) {
      case "/v1/chat/completions":
        if (requireMethod(exchange, "POST", false)) {
          chatCompletions(exchange);
        }
        break;
      case "/v1/embeddings":
        if (requireMethod(exchange, "POST", false)) {
          embeddings(exchange);
        }
        break;
      case "/v1/models":
        if (requireMethod(exchange, "GET", false)) {
          sendJson(exchange, 200, responses.models());
        }
        break;
      case "/v1/messages":
        if (requireMethod(exchange, "POST", true)) {
          messages(exchange);
        }
        break;
      default:
        sendJson(
            exchange,
            404,
            responses.openAiError(
                "Unknown request URL: " + method + " " + path + ".", "invalid_request_error"));
    }
  }

  private void chatCompletions(HttpExchange exchange) throws IOException {
    ObjectNode request = readRequest(exchange, false);
    if (request == null) {
      return;
    }
    String model = textField(exchange, request, "model", false);
    Boolean stream = booleanField(exchange, request, "stream", false);
    if (model == null || stream == null || !requireArray(exchange, request, "messages", false)) {
      return;
    }

    String id = "chatcmpl-standin-" + requestCounter.incrementAndGet();
    long created = Instant.now().getEpochSecond();
    if (!stream) {
      sendJson(exchange, 200, responses.chatCompletion(id, created, model));
      return;
    }

    boolean includeUsage = request.path("stream_options").path("include_usage").asBoolean(false);
    startEventStream(exchange);
    OutputStream out = exchange.getResponseBody();
    for (ObjectNode chunk : responses.chatCompletionChunks(id, created, model, includeUsage)) {
      writeEvent(out, null, mapper.writeValueAsString(chunk));
    }
    writeEvent(out, null, "[DONE]");
  }

  private void embeddings(HttpExchange exchange) throws IOException {
    ObjectNode request = readRequest(exchange, false);
    if (request == null) {
      return;
    }
    String model = textField(exchange, request, "model", false);
    if (model == null) {
      return;
    }

    JsonNode input = request.get("input");
    int inputCount;
    if (input != null && input.isTextual()) {
      inputCount = 1;
    } else if (input != null && input.isArray() && input.size() > 0) {
      // An array of token ids is one input, but each item of an array of strings or token arrays is
      // one input.
      inputCount = input.get(0).isNumber() ? 1 : input.size();
    } else {
      sendError(exchange, 400, "'input' must be a string or a non-empty array.", false);
      return;
    }

    int dimensions = StandInResponses.DEFAULT_EMBEDDING_DIMENSIONS;
    JsonNode requestedDimensions = request.get("dimensions");
    if (requestedDimensions != null && !requestedDimensions.isNull()) {
      if (!requestedDimensions.isInt()
          || requestedDimensions.asInt() < 1
          || requestedDimensions.asInt() > StandInResponses.MAX_EMBEDDING_DIMENSIONS) {
        sendError(
            exchange,
            400,
            "'dimensions' must be an integer from 1 to "
                + StandInResponses.MAX_EMBEDDING_DIMENSIONS
                + ".",
            false);
        return;
      }
      dimensions = requestedDimensions.asInt();
    }
    boolean base64 = "base64".equals(request.path("encoding_format").asText("float"));
    sendJson(exchange, 200, responses.embeddings(model, inputCount, dimensions, base64));
  }

  private void messages(HttpExchange exchange) throws IOException {
    ObjectNode request = readRequest(exchange, true);
    if (request == null) {
      return;
    }
    String model = textField(exchange, request, "model", true);
    Boolean stream = booleanField(exchange, request, "stream", true);
    if (model == null || stream == null || !requireArray(exchange, request, "messages", true)) {
      return;
    }

    String id = "msg_standin_" + requestCounter.incrementAndGet();
    if (!stream) {
      sendJson(exchange, 200, responses.anthropicMessage(id, model));
      return;
    }

    startEventStream(exchange);
    OutputStream out = exchange.getResponseBody();
    for (ServerSentEvent event : responses.anthropicMessageEvents(id, model)) {
      writeEvent(out, event.name(), mapper.writeValueAsString(event.data()));
    }
  }

  /** Reads the body as a JSON object, or sends a 400 or 413 and returns null. */
  private ObjectNode readRequest(HttpExchange exchange, boolean anthropic) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      sendError(exchange, 413, "The request body exceeds " + MAX_BODY_BYTES + " bytes.", anthropic);
      return null;
    }
    JsonNode parsed;
    try {
      parsed = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      sendError(
          exchange,
          400,
          "The request body is not valid JSON: " + e.getOriginalMessage() + ".",
          anthropic);
      return null;
    }
    if (parsed == null || !parsed.isObject()) {
      sendError(exchange, 400, "The request body must be a JSON object.", anthropic);
      return null;
    }
    return (ObjectNode) parsed;
  }

  /** Returns the field's text, or sends a 400 and returns null when it is missing or no string. */
  private String textField(
      HttpExchange exchange, ObjectNode request, String name, boolean anthropic)
      throws IOException {
    JsonNode value = request.get(name);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      sendError(exchange, 400, "'" + name + "' is missing or not a non-empty string.", anthropic);
      return null;
    }
    return value.asText();
  }

  /** Returns the field's value, false when it is absent, or sends a 400 and returns null. */
  private Boolean booleanField(
      HttpExchange exchange, ObjectNode request, String name, boolean anthropic)
      throws IOException {
    JsonNode value = request.get(name);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      sendError(exchange, 400, "'" + name + "' must be a boolean.", anthropic);
      return null;
    }
    return value.asBoolean();
  }

  private boolean requireArray(
      HttpExchange exchange, ObjectNode request, String name, boolean anthropic)
      throws IOException {
    if (request.path(name).isArray()) {
      return true;
    }
    sendError(exchange, 400, "'" + name + "' is missing or not an array.", anthropic);
    return false;
  }

  private boolean requireMethod(HttpExchange exchange, String method, boolean anthropic)
      throws IOException {
    if (method.equals(exchange.getRequestMethod())) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", method);
    sendError(
        exchange,
        405,
        "Method "
            + exchange.getRequestMethod()
            + " is not allowed on "
            + exchange.getRequestURI().getPath()
            + "; use "
            + method
            + ".",
        anthropic);
    return false;
  }

  /** Sends an error body in the shape of the API that the path belongs to. */
  private void sendError(HttpExchange exchange, int status, String message, boolean anthropic)
      throws IOException {
    String type = status == 413 ? "request_too_large" : "invalid_request_error";
    ObjectNode body =
        anthropic ? responses.anthropicError(message, type) : responses.openAiError(message, type);
    sendJson(exchange, status, body);
  }

  private void sendJson(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = mapper.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", JSON);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static void startEventStream(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", EVENT_STREAM);
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    // Length 0 makes the JDK server use chunked transfer encoding.
    exchange.sendResponseHeaders(200, 0);
  }

  /** Writes one event and flushes it, so the client receives it before the next one. */
  private static void writeEvent(OutputStream out, String name, String data) throws IOException {
    StringBuilder event = new StringBuilder();
    if (name != null) {
      event.append("event: ").append(name).append('\n');
    }
    event.append("data: ").append(data).append("\n\n");
    out.write(event.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "stand-in-provider-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Runs the provider alone in the foreground until the process receives SIGINT or SIGTERM. */
  public static void main(String[] args) {
    LogFormat.useSingleLineFormat();
    System.exit(new CommandLine(new Cli()).execute(args));
  }

  @Command(
      name = "stand-in-llm-provider",
      description = {
        "Serves fixed OpenAI- and Anthropic-compatible responses on 127.0.0.1.",
        "It is a stand-in, not a real model: every request gets the same reply at once."
      })
  static final class Cli implements Callable<Integer> {

    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help and exit.")
    boolean helpRequested;

    @Option(
        names = "--port",
        paramLabel = "PORT",
        defaultValue = "" + DEFAULT_PORT,
        description = "TCP port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free port).")
    int port;

    @Option(
        names = "--threads",
        paramLabel = "COUNT",
        defaultValue = "" + DEFAULT_THREADS,
        description = "Number of request handler threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws InterruptedException {
      if (threads < 1) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--threads must be at least 1, but was " + threads);
      }
      StandInLlmProvider provider;
      try {
        provider = start(port, threads);
      } catch (UncheckedIOException e) {
        System.err.println(e.getMessage());
        return 1;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    provider.close();
                    // Not through java.util.logging, whose own shutdown hook may have closed the
                    // handlers already.
                    System.err.println("Stand-in LLM provider stopped.");
                    stopped.countDown();
                  },
                  "stand-in-provider-stop"));
      stopped.await();
      return 0;
    }
  }
}
