package dev.roberto.cli.release;

import dev.roberto.cli.ApiSubcommand;
import dev.roberto.cli.ExitCodes;
import dev.roberto.client.release.Release;
import dev.roberto.client.release.ReleaseApi;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code roberto release list}: the workspace's releases, newest version first. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List the workspace's releases, newest version first, with each script's size and"
          + " SHA-256."
    })
public class ListCommand extends ApiSubcommand {

  @Option(
      names = "--component",
      paramLabel = "COMPONENT",
      description = "Only the releases of runtime or of agent.")
  String component;

  @Option(
      names = "--channel",
      paramLabel = "CHANNEL",
      description = "Only the releases of this channel.")
  String channel;

  @Override
  public Integer call() {
    List<Release> releases =
        new ReleaseApi(client())
            .list(ReleaseValues.component(component), ReleaseValues.channel(channel));
    output().result(ReleaseText.list(releases), Map.of("releases", releases));
    return ExitCodes.OK;
  }
}
