package dev.roberto.cli;

import dev.roberto.cli.runtime.update.UpdateCommands;
import picocli.CommandLine;

/** Entry point of the {@code roberto} command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code. */
  public static int run(String... args) {
    return newCommandLine().execute(args);
  }

  static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new RobertoCommand());
    UpdateCommands.addTo(commandLine);
    commandLine.setExecutionExceptionHandler(new ErrorReporter());
    commandLine.setParameterExceptionHandler(ErrorReporter::usageError);
    return commandLine;
  }
}
