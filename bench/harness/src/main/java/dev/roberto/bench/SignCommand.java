package dev.roberto.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes a usage delivery body to a file and prints its {@code x-roberto-signature} value, so that
 * wrk can send those exact bytes. The signature's timestamp is now, and webhook-service accepts it
 * for 5 minutes by default.
 */
@Command(
    name = "sign-delivery",
    mixinStandardHelpOptions = true,
    description = "Write a usage delivery body and print its signature header value.")
final class SignCommand implements Callable<Integer> {

  static final String SECRET_VARIABLE = "BENCH_SIGNING_SECRET";

  @Option(names = "--body-file", required = true, description = "File to write the body to.")
  Path bodyFile;

  @Override
  public Integer call() throws IOException {
    String secret = System.getenv(SECRET_VARIABLE);
    if (secret == null || secret.isEmpty()) {
      System.err.println(
          "sign-delivery: the environment variable " + SECRET_VARIABLE + " is missing.");
      return 2;
    }
    Instant now = Instant.now();
    byte[] body = UsageDeliveries.body(now);
    Files.write(bodyFile, body);
    System.out.println(UsageDeliveries.sign(secret, now.getEpochSecond(), body));
    return 0;
  }
}
