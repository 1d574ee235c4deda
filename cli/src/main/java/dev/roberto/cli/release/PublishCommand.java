package dev.roberto.cli.release;

import dev.roberto.cli.ApiSubcommand;
import dev.roberto.cli.ExitCodes;
import dev.roberto.client.release.PublishRequest;
import dev.roberto.client.release.Release;
import dev.roberto.client.release.ReleaseApi;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code roberto release publish ... SCRIPT...}: reads the scripts, computes each one's size and
 * SHA-256, and publishes them as one release.
 */
@Command(
    name = "publish",
    description = {
      "Publish a release of the runtime or of the agents (owner or admin).",
      "Each SCRIPT file becomes a script of the release, named after the file and run by the"
          + " runtimes in the order given. The CLI sends each file's size and SHA-256 with it,"
          + " and the control plane rejects a release whose content does not match them.",
      "A version is published once per component and channel."
    })
public class PublishCommand extends ApiSubcommand {

  // Declared here instead of through mixinStandardHelpOptions, whose -V/--version would take the
  // place of the release's --version and leave the command without --help.
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--component",
      required = true,
      paramLabel = "COMPONENT",
      description = "What the release updates: runtime or agent.")
  String component;

  @Option(
      names = "--channel",
      required = true,
      paramLabel = "CHANNEL",
      description = "The release channel, such as stable or beta.")
  String channel;

  @Option(
      names = "--version",
      required = true,
      paramLabel = "VERSION",
      description = "The version the release installs, in Semantic Versioning form: 1.4.2.")
  String version;

  @Option(
      names = "--rollout",
      paramLabel = "PERCENT",
      description =
          "Share of the channel's runtimes offered the release, 0 to 100 (default: 100)."
              + " Change it later with `roberto release rollout`.")
  Integer rolloutPercent;

  @Option(
      names = "--notes",
      paramLabel = "TEXT",
      description = "Release notes, at most 2000 characters.")
  String notes;

  @Parameters(
      arity = "1..*",
      paramLabel = "SCRIPT",
      description = "The script files of the release, in the order they run.")
  List<Path> scripts;

  @Override
  public Integer call() {
    PublishRequest request =
        new PublishRequest(
            ReleaseValues.component(component),
            ReleaseValues.channel(channel),
            ReleaseValues.version(version),
            ReleaseValues.percent("--rollout", rolloutPercent),
            notes,
            ScriptFiles.read(scripts));
    Release release = new ReleaseApi(client()).publish(request);
    output().resultOf(ReleaseText.of(headline(release), release), release);
    return ExitCodes.OK;
  }

  private static String headline(Release release) {
    return "Published "
        + release.component()
        + " "
        + release.version()
        + " on channel "
        + release.channel()
        + " with "
        + release.scripts().size()
        + (release.scripts().size() == 1 ? " script." : " scripts.");
  }
}
