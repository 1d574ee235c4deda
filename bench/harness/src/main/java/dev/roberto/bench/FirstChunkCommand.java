package dev.roberto.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the time from sending a streamed chat completion request to the first server-sent event
 * ({@code data:}) of the response, one request at a time, over one kept-alive connection. It prints
 * one line of results; the client's own cost is the same for every target, so differences between
 * targets are what the target adds.
 *
 * <p>The client is Vert.x's: one event-loop thread sends the request, reads the response and takes
 * both times, so no hand-over between threads lands inside a measurement. The JDK's HttpClient,
 * used before, passes each response from its selector thread to another thread. On two cores shared
 * with the target, those wake-ups added about a millisecond and most of the spread.
 *
 * <p>The gap from one request's start to the next is drawn evenly between half and one and a half
 * times the interval, from the same seeded sequence for every target. A fixed gap would fall into
 * step with work that the target does on a timer after each call, such as the gateway's outbox
 * relay, and measure every request at the same point of it.
 */
@Command(
    name = "first-chunk",
    mixinStandardHelpOptions = true,
    description = "Measure the time to the first streamed chunk of chat completions.")
final class FirstChunkCommand implements Callable<Integer> {

  private static final long GAP_SEED = 20261205L;

  private static final String BODY =
      "{\"model\":\"stand-in-chat\",\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
  private static final byte[] EVENT_START = "data:".getBytes(StandardCharsets.US_ASCII);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Buffer REQUEST_BODY = Buffer.buffer(BODY);

  @Option(names = "--url", required = true, description = "The chat completions URL.")
  URI url;

  @Option(
      names = "--header",
      description = "Extra request header as 'Name: value'; repeatable. Not for secrets.")
  List<String> headers = new ArrayList<>();

  @Option(
      names = "--authorization-env",
      paramLabel = "VARIABLE",
      description = "Environment variable that contains a bearer token to send.")
  String authorizationVariable;

  @Option(names = "--requests", defaultValue = "200", description = "Measured requests.")
  int requests;

  @Option(names = "--warmup", defaultValue = "50", description = "Unmeasured requests first.")
  int warmup;

  @Option(
      names = "--interval-ms",
      defaultValue = "20",
      description = "Mean time from one request's start to the next one's, in milliseconds.")
  long intervalMillis;

  @Override
  public Integer call() throws InterruptedException {
    if (requests < 1 || warmup < 0 || intervalMillis < 1) {
      System.err.println(
          "first-chunk: --requests and --interval-ms must be at least 1, --warmup at least 0.");
      return 2;
    }
    RequestOptions request = request();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try {
      HttpClient client =
          vertx.createHttpClient(
              new HttpClientOptions()
                  .setKeepAlive(true)
                  .setMaxPoolSize(1)
                  .setConnectTimeout((int) REQUEST_TIMEOUT.toMillis()));
      Context loop = vertx.getOrCreateContext();
      measure(loop, client, request);
    } finally {
      vertx.close();
    }
    return 0;
  }

  private void measure(Context loop, HttpClient client, RequestOptions request)
      throws InterruptedException {
    long[] firstChunkNanos = new long[requests];
    int measured = 0;
    int errors = 0;
    long interval = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    Random gaps = new Random(GAP_SEED);
    long next = System.nanoTime();
    for (int i = 0; i < warmup + requests; i++) {
      sleepUntil(next);
      next += interval / 2 + (long) (gaps.nextDouble() * interval);
      long nanos = timeToFirstChunk(loop, client, request);
      if (i < warmup) {
        continue;
      }
      if (nanos < 0) {
        errors++;
      } else {
        firstChunkNanos[measured++] = nanos;
      }
    }
    print(Arrays.copyOf(firstChunkNanos, measured), errors);
  }

  private RequestOptions request() {
    RequestOptions options =
        new RequestOptions()
            .setAbsoluteURI(url.toString())
            .setMethod(HttpMethod.POST)
            .setTimeout(REQUEST_TIMEOUT.toMillis())
            .putHeader("Content-Type", "application/json");
    for (String header : headers) {
      int colon = header.indexOf(':');
      if (colon < 1) {
        throw new IllegalArgumentException("--header needs 'Name: value', not '" + header + "'");
      }
      options.putHeader(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
    }
    if (authorizationVariable != null) {
      String token = System.getenv(authorizationVariable);
      if (token == null || token.isEmpty()) {
        throw new IllegalArgumentException(
            "The environment variable " + authorizationVariable + " is missing.");
      }
      options.putHeader("Authorization", "Bearer " + token);
    }
    return options;
  }

  /**
   * Sends the request on the event loop, reads until the first {@code data:} and then to the end,
   * and returns the nanoseconds to the first {@code data:}, or -1 when the request failed.
   */
  private static long timeToFirstChunk(Context loop, HttpClient client, RequestOptions request)
      throws InterruptedException {
    CompletableFuture<Long> result = new CompletableFuture<>();
    loop.runOnContext(
        ignored -> {
          long started = System.nanoTime();
          client
              .request(request)
              .compose(sent -> sent.send(REQUEST_BODY))
              .onSuccess(response -> readToEnd(response, started, result))
              .onFailure(failure -> result.complete(-1L));
        });
    try {
      return result.get(REQUEST_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return -1;
    }
  }

  /** Takes the time at the first {@code data:} and completes the result when the response ends. */
  private static void readToEnd(
      HttpClientResponse response, long started, CompletableFuture<Long> result) {
    FirstEvent first = new FirstEvent(started);
    if (response.statusCode() == 200) {
      response.handler(first::scan);
    } else {
      response.handler(ignored -> {});
    }
    response.exceptionHandler(failure -> result.complete(-1L));
    response.endHandler(ignored -> result.complete(first.elapsedNanos));
  }

  /**
   * The time to the first {@code data:} of a body that arrives in pieces, found also when a piece
   * ends inside it. It is -1 until then.
   */
  private static final class FirstEvent {
    private final long started;
    private int matched;
    private long elapsedNanos = -1;

    FirstEvent(long started) {
      this.started = started;
    }

    void scan(Buffer chunk) {
      for (int i = 0; i < chunk.length() && elapsedNanos < 0; i++) {
        byte next = chunk.getByte(i);
        if (next == EVENT_START[matched]) {
          matched++;
          if (matched == EVENT_START.length) {
            elapsedNanos = System.nanoTime() - started;
          }
        } else {
          matched = next == EVENT_START[0] ? 1 : 0;
        }
      }
    }
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  /** Prints one line of key=value pairs, times in microseconds, for the scripts to read. */
  private static void print(long[] nanos, int errors) {
    Arrays.sort(nanos);
    System.out.printf(
        "FIRST_CHUNK requests=%d errors=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d%n",
        nanos.length,
        errors,
        micros(percentile(nanos, 50)),
        micros(percentile(nanos, 90)),
        micros(percentile(nanos, 99)),
        micros(nanos.length == 0 ? -1 : nanos[nanos.length - 1]));
  }

  /** Returns the nearest-rank percentile, or -1 for no samples. */
  private static long percentile(long[] sorted, double percent) {
    if (sorted.length == 0) {
      return -1;
    }
    int rank = (int) Math.ceil(percent / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static long micros(long nanos) {
    return nanos < 0 ? -1 : TimeUnit.NANOSECONDS.toMicros(nanos);
  }
}
