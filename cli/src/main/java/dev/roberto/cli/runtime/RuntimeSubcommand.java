package dev.roberto.cli.runtime;

import dev.roberto.cli.Output;
import dev.roberto.cli.RobertoCommand;
import dev.roberto.client.RobertoClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Shared access to the global options for the {@code runtime} subcommands. */
abstract class RuntimeSubcommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  RobertoCommand root() {
    return (RobertoCommand) spec.root().userObject();
  }

  RobertoClient client() {
    return root().client().build();
  }

  Output output() {
    return new Output(spec.commandLine().getOut(), root().json());
  }
}
