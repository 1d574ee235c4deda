package dev.roberto.local;

import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The one-command local stack: PostgreSQL, Kafka, the stand-in LLM provider and the five services
 * on 127.0.0.1. The script {@code deploy/local/roberto-local} builds the repository and runs this
 * class with the system property {@value StateDirectory#REPOSITORY_PROPERTY} set to the repository
 * root.
 */
@Command(
    name = "roberto-local",
    subcommands = {RunCommand.class, StopCommand.class, StatusCommand.class},
    description = {
      "Runs the Roberto control plane on this machine.",
      "Without a subcommand it runs 'run'."
    })
public final class LocalStack {

  @Mixin HelpOption help;

  private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help");

  public static void main(String[] args) {
    LogFormat.useSingleLineFormat();
    CommandLine commandLine = new CommandLine(new LocalStack());
    commandLine.setExecutionExceptionHandler(
        (exception, command, parseResult) -> {
          if (exception instanceof LocalStackException) {
            command.getErr().println("roberto-local: " + exception.getMessage());
            return 1;
          }
          throw exception;
        });
    System.exit(commandLine.execute(withDefaultSubcommand(args)));
  }

  /** Puts {@code run} in front when the arguments start with no subcommand. */
  static String[] withDefaultSubcommand(String[] args) {
    if (args.length > 0 && (!args[0].startsWith("-") || TOP_LEVEL_OPTIONS.contains(args[0]))) {
      return args;
    }
    String[] withRun = new String[args.length + 1];
    withRun[0] = "run";
    System.arraycopy(args, 0, withRun, 1, args.length);
    return withRun;
  }
}
