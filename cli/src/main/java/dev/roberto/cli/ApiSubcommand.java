package dev.roberto.cli;

import dev.roberto.client.RobertoClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the commands that call the control plane's APIs: the global options, the client, and
 * where results and messages go.
 */
public abstract class ApiSubcommand implements Callable<Integer> {

  @Spec protected CommandSpec spec;

  protected RobertoCommand root() {
    return (RobertoCommand) spec.root().userObject();
  }

  /** Returns a client for the chosen control plane, printing requests when verbose. */
  protected RobertoClient client() {
    return root().client().build();
  }

  /** Returns the output of the result on stdout: text, or JSON with {@code --json}. */
  protected Output output() {
    return new Output(spec.commandLine().getOut(), root().json());
  }

  /** Returns stderr, for messages beside the result, such as that a browser was opened. */
  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
