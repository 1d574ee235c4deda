package dev.roberto.cli.runtime.update;

import dev.roberto.cli.ExitCodes;
import dev.roberto.client.update.GrantRequest;
import dev.roberto.client.update.IssuedGrant;
import dev.roberto.client.update.UpdatesApi;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code roberto runtime grant}: an admin allows one runtime to apply one update. */
@Command(
    name = "grant",
    mixinStandardHelpOptions = true,
    description = {
      "Issue a single-use grant that lets one runtime apply one target version of itself or of"
          + " one agent (owner or admin).",
      "The token is shown only this once; hand it to whoever runs `roberto runtime apply` on the"
          + " runtime."
    })
public class GrantCommand extends UpdateSubcommand {

  private static final Pattern DURATION = Pattern.compile("(\\d+)([smhd])");

  @Option(names = "--runtime", required = true, paramLabel = "ID", description = "The runtime id.")
  String runtimeId;

  @Option(
      names = "--agent",
      paramLabel = "ID",
      description = "The agent to update; without it, the runtime's own software.")
  String agentId;

  @Option(
      names = "--channel",
      required = true,
      paramLabel = "CHANNEL",
      description = "The release channel, such as stable.")
  String channel;

  @Option(
      names = "--target-version",
      required = true,
      paramLabel = "VERSION",
      description = "The version the update installs.")
  String targetVersion;

  @Option(
      names = "--rollback",
      description = "Allow a target older than the installed version (a downgrade).")
  boolean rollback;

  @Option(
      names = "--expires-in",
      paramLabel = "DURATION",
      description =
          "Lifetime of the grant: a number with s, m, h or d (such as 30m or 2h), or ISO-8601"
              + " such as PT2H (default: the control plane's, 1 hour unless configured).")
  String expiresIn;

  @Override
  public Integer call() {
    Long seconds = expiresIn == null ? null : parseDuration(expiresIn).toSeconds();
    UpdatesApi api = new UpdatesApi(root().client().build());
    IssuedGrant grant =
        api.issueGrant(
            new GrantRequest(runtimeId, agentId, channel, targetVersion, rollback, seconds));

    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", grant.id());
    fields.put("grantToken", grant.grantToken());
    fields.put("runtimeId", grant.runtimeId());
    fields.put("agentId", grant.agentId());
    fields.put("channel", grant.channel());
    fields.put("targetVersion", grant.targetVersion());
    fields.put("rollback", grant.rollback());
    fields.put("expiresAt", grant.expiresAt());
    String text =
        String.join(
            "\n",
            "Granted "
                + (grant.agentId() == null ? "the runtime itself" : "agent " + grant.agentId())
                + " on runtime "
                + grant.runtimeId()
                + ": "
                + grant.channel()
                + " "
                + grant.targetVersion()
                + (grant.rollback() ? " (rollback allowed)" : "")
                + ", valid once until "
                + grant.expiresAt()
                + ".",
            "Token, shown only this once: " + grant.grantToken(),
            "On the runtime: roberto runtime apply --approve --grant-token "
                + grant.grantToken()
                + (grant.agentId() == null ? "" : " --agent " + grant.agentId()));
    output().result(text, fields);
    return ExitCodes.OK;
  }

  static Duration parseDuration(String text) {
    Matcher matcher = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    try {
      return Duration.parse(text.strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--expires-in " + text + " is not a duration such as 30m, 2h, 1d or PT2H.");
    }
  }
}
