package dev.roberto.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the time from sending a streamed chat completion request to the first server-sent event
 * ({@code data:}) of the response, one request at a time, over one kept-alive connection. It prints
 * one line of results; the client's own cost is the same for every target, so differences between
 * targets are what the target adds.
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
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT)
            .build();
    HttpRequest request = request();

    long[] firstChunkNanos = new long[requests];
    int measured = 0;
    int errors = 0;
    long interval = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    Random gaps = new Random(GAP_SEED);
    long next = System.nanoTime();
    for (int i = 0; i < warmup + requests; i++) {
      sleepUntil(next);
      next += interval / 2 + (long) (gaps.nextDouble() * interval);
      long nanos = timeToFirstChunk(client, request);
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
    return 0;
  }

  private HttpRequest request() {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(url)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(BODY));
    for (String header : headers) {
      int colon = header.indexOf(':');
      if (colon < 1) {
        throw new IllegalArgumentException("--header needs 'Name: value', not '" + header + "'");
      }
      builder.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
    }
    if (authorizationVariable != null) {
      String token = System.getenv(authorizationVariable);
      if (token == null || token.isEmpty()) {
        throw new IllegalArgumentException(
            "The environment variable " + authorizationVariable + " is missing.");
      }
      builder.header("Authorization", "Bearer " + token);
    }
    return builder.build();
  }

  /**
   * Sends the request, reads until the first {@code data:} and then to the end, and returns the
   * nanoseconds to the first {@code data:}, or -1 when the request failed.
   */
  private static long timeToFirstChunk(HttpClient client, HttpRequest request)
      throws InterruptedException {
    long started = System.nanoTime();
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          body.transferTo(OutputStream.nullOutputStream());
          return -1;
        }
        boolean found = skipToEventStart(body);
        long elapsed = System.nanoTime() - started;
        body.transferTo(OutputStream.nullOutputStream());
        return found ? elapsed : -1;
      }
    } catch (IOException e) {
      return -1;
    }
  }

  /** Reads byte by byte until {@code data:}; returns false when the stream ends first. */
  private static boolean skipToEventStart(InputStream body) throws IOException {
    int matched = 0;
    int next;
    while ((next = body.read()) >= 0) {
      if (next == EVENT_START[matched]) {
        matched++;
        if (matched == EVENT_START.length) {
          return true;
        }
      } else {
        matched = next == EVENT_START[0] ? 1 : 0;
      }
    }
    return false;
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
