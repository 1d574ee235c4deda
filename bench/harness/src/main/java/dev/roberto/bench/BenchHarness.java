package dev.roberto.bench;

import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The Java steps of the benchmark scripts in {@code bench/}, one subcommand each. */
@Command(
    name = "bench-harness",
    mixinStandardHelpOptions = true,
    description = "Java steps of the Roberto benchmarks. Run by bench/gateway and bench/webhooks.",
    subcommands = {SetupCommand.class, SignCommand.class, FirstChunkCommand.class})
public final class BenchHarness {

  /**
   * The Kafka client's parent logger, set to WARNING because the client logs its whole
   * configuration and every connection at INFO. The field keeps the logger and its level, which
   * java.util.logging would lose with a logger that nothing references.
   */
  private static final Logger KAFKA_LOGGER = Logger.getLogger("org.apache.kafka");

  public static void main(String[] args) {
    KAFKA_LOGGER.setLevel(Level.WARNING);
    System.exit(new CommandLine(new BenchHarness()).execute(args));
  }
}
