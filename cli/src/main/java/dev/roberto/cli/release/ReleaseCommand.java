package dev.roberto.cli.release;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code roberto release}: publish releases for runtimes and agents, list them, roll them out. */
@Command(
    name = "release",
    description = {
      "Publish releases of the runtime or the agents, list them, and change their rollout.",
      "Runtimes are offered the newest release of their channel whose rollout includes them."
    },
    mixinStandardHelpOptions = true,
    subcommands = {PublishCommand.class, ListCommand.class, RolloutCommand.class})
public class ReleaseCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
