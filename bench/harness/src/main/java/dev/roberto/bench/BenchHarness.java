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
   * The Kafka client's parent logger. The Kafka client logs its whole configuration and every
   * connection at INFO, and the scripts need only its warnings. java.util.logging references its
   * loggers weakly, so a logger that nothing else references can be collected with its level. This
   * field keeps it.
   */
  private static final Logger KAFKA_LOGGER = Logger.getLogger("org.apache.kafka");

  public static void main(String[] args) {
    KAFKA_LOGGER.setLevel(Level.WARNING);
    System.exit(new CommandLine(new BenchHarness()).execute(args));
  }
}
