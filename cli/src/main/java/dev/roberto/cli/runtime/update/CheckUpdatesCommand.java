package dev.roberto.cli.runtime.update;

import dev.roberto.cli.ExitCodes;
import dev.roberto.client.update.InstalledVersions;
import dev.roberto.client.update.RuntimeSession;
import dev.roberto.client.update.UpdateDecision;
import dev.roberto.client.update.UpdateItem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code roberto runtime check-updates}: the runtime reports its versions and gets a decision. It
 * runs as the runtime, with the credential in the environment.
 */
@Command(
    name = "check-updates",
    description = {
      "Report this runtime's versions and show the updates the control plane offers.",
      "Runs as the runtime: reads "
          + RuntimeSession.CLIENT_ID_VARIABLE
          + " and "
          + RuntimeSession.CLIENT_SECRET_VARIABLE
          + ".",
      "Without --version it reports the versions of the last check, with applied updates"
          + " counted in."
    })
public class CheckUpdatesCommand extends UpdateSubcommand {

  private static final Pattern AGENT = Pattern.compile("([^=@]+)=([^=@]+)(?:@([^=@]+))?");

  // Declared here instead of through mixinStandardHelpOptions, whose -V/--version would take the
  // place of the runtime's --version and leave the command without --help.
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--version",
      paramLabel = "VERSION",
      description = "Version of the runtime software, such as 1.4.0.")
  String version;

  @Option(
      names = "--channel",
      paramLabel = "CHANNEL",
      description = "Release channel of the runtime software (default: stable).")
  String channel;

  @Option(
      names = "--agent",
      paramLabel = "ID=VERSION[@CHANNEL]",
      description =
          "An agent on this runtime with its version and channel (default: the runtime's);"
              + " repeat for each agent.")
  List<String> agents = new ArrayList<>();

  @Override
  public Integer call() {
    RuntimeSession session = runtimeSession();
    UpdateJournal journal = UpdateJournal.inConfigFolder();
    String key = UpdateJournal.runtimeKey(session.controlPlaneUrl(), session.clientId());
    InstalledVersions installed = installed(journal.read(key).installed);

    UpdateDecision decision = session.checkUpdates(installed);
    journal.update(
        key,
        record -> {
          record.runtimeId = decision.runtimeId();
          record.installed = installed;
          record.decision = decision;
          return null;
        });

    output().result(text(decision), fieldsOf(decision));
    return ExitCodes.OK;
  }

  /** Returns the versions to report: the options, else those of the last check. */
  private InstalledVersions installed(InstalledVersions recorded) {
    if (version == null) {
      if (recorded == null) {
        throw new IllegalArgumentException(
            "No versions were reported from this host yet: pass --version (and --agent for each"
                + " agent).");
      }
      if (channel != null || !agents.isEmpty()) {
        throw new IllegalArgumentException("--channel and --agent need --version as well.");
      }
      return recorded;
    }
    String runtimeChannel = channel == null ? "stable" : channel;
    List<InstalledVersions.AgentInstalled> reported = new ArrayList<>();
    for (String agent : agents) {
      Matcher matcher = AGENT.matcher(agent);
      if (!matcher.matches()) {
        throw new IllegalArgumentException(
            "--agent " + agent + " is not ID=VERSION or ID=VERSION@CHANNEL.");
      }
      String agentChannel = matcher.group(3) == null ? runtimeChannel : matcher.group(3);
      reported.add(
          new InstalledVersions.AgentInstalled(matcher.group(1), matcher.group(2), agentChannel));
    }
    return new InstalledVersions(
        new InstalledVersions.Installed(version, runtimeChannel), reported);
  }

  static String text(UpdateDecision decision) {
    List<String> lines = new ArrayList<>();
    lines.add("Decision " + decision.decisionId() + " (valid until " + decision.expiresAt() + ")");
    lines.add(line("runtime", decision.runtime()));
    for (UpdateItem agent : decision.agents()) {
      lines.add(line("agent " + agent.agentId(), agent));
    }
    boolean any =
        decision.runtime().updateAvailable()
            || decision.agents().stream().anyMatch(UpdateItem::updateAvailable);
    if (any) {
      lines.add("");
      lines.add(
          "To apply one: get a grant from a workspace admin (`roberto runtime grant`), then run"
              + " `roberto runtime apply --approve --grant-token TOKEN [--agent ID]`.");
    }
    return String.join("\n", lines);
  }

  private static String line(String component, UpdateItem item) {
    String name = String.format("%-24s %-8s", component, "(" + item.channel() + ")");
    if (!item.updateAvailable()) {
      return name + " " + item.currentVersion() + ", up to date";
    }
    return name
        + " "
        + item.currentVersion()
        + " -> "
        + item.targetVersion()
        + (item.rollback() ? " (rollback)" : "")
        + (item.approvalRequired() ? ", approval and grant required" : "")
        + ", "
        + item.scripts().size()
        + " script(s)";
  }
}
