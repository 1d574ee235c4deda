package dev.roberto.cli.runtime.update;

import dev.roberto.cli.ExitCodes;
import dev.roberto.client.update.UpdateStatus;
import dev.roberto.client.update.UpdatesApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code roberto agent update-status ID}: the update state of one agent. */
@Command(
    name = "update-status",
    mixinStandardHelpOptions = true,
    description =
        "Show an agent's current and target version, update state, last check and last error.")
public class AgentUpdateStatusCommand extends UpdateSubcommand {

  @Parameters(paramLabel = "AGENT_ID", description = "The agent id, as its runtime reports it.")
  String agentId;

  @Override
  public Integer call() {
    UpdateStatus status = new UpdatesApi(root().client().build()).agentUpdateStatus(agentId);
    String text =
        String.join(
            "\n",
            "Agent:           " + status.agentId() + " on runtime " + status.runtimeId(),
            "Channel:         " + status.channel(),
            "Current version: " + status.currentVersion(),
            "Target version:  " + status.targetVersion(),
            "State:           " + status.state(),
            "Last check:      " + status.lastCheckAt(),
            "Last error:      " + (status.lastError() == null ? "none" : status.lastError()));
    output().result(text, fieldsOf(status));
    return ExitCodes.OK;
  }
}
