package dev.roberto.cli.release;

import dev.roberto.cli.ApiSubcommand;
import dev.roberto.cli.ExitCodes;
import dev.roberto.client.release.Release;
import dev.roberto.client.release.ReleaseApi;
import dev.roberto.client.runtime.RuntimeApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code roberto release rollout RELEASE_ID --percent N}: widens or narrows a rollout. */
@Command(
    name = "rollout",
    mixinStandardHelpOptions = true,
    description = {
      "Change the share of the channel's runtimes that are offered a release (owner or admin).",
      "Each runtime's place in a rollout stays the same, so raising the percentage only adds"
          + " runtimes."
    })
public class RolloutCommand extends ApiSubcommand {

  @Parameters(paramLabel = "RELEASE_ID", description = "The release's id, as `release list` shows.")
  String releaseId;

  @Option(
      names = "--percent",
      required = true,
      paramLabel = "PERCENT",
      description = "Share of runtimes offered the release, 0 to 100.")
  int percent;

  @Override
  public Integer call() {
    if (!RuntimeApi.isId(releaseId)) {
      throw new IllegalArgumentException(
          "'"
              + releaseId
              + "' is not a release id; run `roberto release list` to see the releases' ids.");
    }
    ReleaseValues.percent("--percent", percent);
    Release release = new ReleaseApi(client()).changeRollout(releaseId, percent);
    String headline =
        "Release "
            + release.component()
            + " "
            + release.version()
            + " on channel "
            + release.channel()
            + " is now offered to "
            + release.rolloutPercent()
            + "% of runtimes.";
    output().resultOf(ReleaseText.of(headline, release), release);
    return ExitCodes.OK;
  }
}
