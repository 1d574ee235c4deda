package dev.roberto.cli.auth;

import dev.roberto.cli.Output;
import dev.roberto.cli.RobertoCommand;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Shared access to the global options for the {@code auth} subcommands. */
abstract class AuthSubcommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  RobertoCommand root() {
    return (RobertoCommand) spec.root().userObject();
  }

  Output output() {
    return new Output(spec.commandLine().getOut(), root().json());
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
