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

  public static void main(String[] args) {
    // The Kafka client logs every connection at INFO; the scripts need only its warnings.
    Logger.getLogger("org.apache.kafka").setLevel(Level.WARNING);
    System.exit(new CommandLine(new BenchHarness()).execute(args));
  }
}
