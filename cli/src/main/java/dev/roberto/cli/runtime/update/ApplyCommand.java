package dev.roberto.cli.runtime.update;

import dev.roberto.cli.ExitCodes;
import dev.roberto.cli.runtime.update.UpdateJournal.ApplyRecord;
import dev.roberto.cli.runtime.update.UpdateJournal.RuntimeRecord;
import dev.roberto.client.RobertoException;
import dev.roberto.client.update.AcceptedApply;
import dev.roberto.client.update.InstalledVersions;
import dev.roberto.client.update.RuntimeSession;
import dev.roberto.client.update.ScriptLink;
import dev.roberto.client.update.UpdateItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code roberto runtime apply}: applies one update of the last decision. The control plane accepts
 * it only with the approval and a matching grant. Then the scripts are downloaded, checked against
 * their SHA-256 and run, and each step is reported.
 */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Apply one update of the last check-updates decision: the runtime itself, or one agent.",
      "Runs as the runtime: reads "
          + RuntimeSession.CLIENT_ID_VARIABLE
          + " and "
          + RuntimeSession.CLIENT_SECRET_VARIABLE
          + ".",
      "An update whose scripts already ran from this host is not run again."
    })
public class ApplyCommand extends UpdateSubcommand {

  @Option(names = "--approve", description = "Approve the update; without it nothing is applied.")
  boolean approve;

  @Option(
      names = "--grant-token",
      paramLabel = "TOKEN",
      description = "The grant a workspace admin issued for this update (roberto runtime grant).")
  String grantToken;

  @Option(
      names = "--agent",
      paramLabel = "ID",
      description = "The agent to update; without it, the runtime itself.")
  String agentId;

  @Option(
      names = "--decision",
      paramLabel = "ID",
      description = "The decision to apply (default: the one of the last check-updates).")
  String decisionId;

  @Option(
      names = "--script-timeout",
      paramLabel = "SECONDS",
      defaultValue = "1800",
      description = "Maximum time one script may run, in seconds (default: ${DEFAULT-VALUE}).")
  long scriptTimeoutSeconds;

  private RuntimeSession session;
  private UpdateJournal journal;
  private String runtimeKey;

  @Override
  public Integer call() {
    if (scriptTimeoutSeconds <= 0) {
      throw new IllegalArgumentException("--script-timeout must be a positive number of seconds.");
    }
    session = runtimeSession();
    journal = UpdateJournal.inConfigFolder();
    runtimeKey = UpdateJournal.runtimeKey(session.controlPlaneUrl(), session.clientId());
    RuntimeRecord runtime = journal.read(runtimeKey);
    String decision = decisionId != null ? decisionId : lastDecision(runtime);

    ApplyRecord previous = previousApply(runtime, decision);
    if (previous != null && UpdateJournal.SUCCEEDED.equals(previous.state)) {
      return alreadyApplied(previous);
    }
    if (previous != null && UpdateJournal.RUNNING.equals(previous.state)) {
      throw interrupted(previous);
    }
    ApplyRecord apply =
        previous != null && UpdateJournal.ACCEPTED.equals(previous.state)
            ? resume(previous)
            : accept(decision);
    return runScripts(apply);
  }

  private ApplyRecord accept(String decision) {
    AcceptedApply accepted = session.apply(decision, agentId, approve, grantToken);
    UpdateItem update = accepted.update();
    ApplyRecord apply = new ApplyRecord();
    apply.decisionId = accepted.decisionId();
    apply.agentId = agentId;
    apply.targetVersion = update.targetVersion();
    apply.scripts = update.scripts();
    apply.state = UpdateJournal.ACCEPTED;
    save(apply);
    progress(
        "Applying "
            + component()
            + " "
            + update.currentVersion()
            + " -> "
            + update.targetVersion()
            + " ("
            + update.scripts().size()
            + " script(s)).");
    return apply;
  }

  private ApplyRecord resume(ApplyRecord accepted) {
    progress(
        "Resuming the accepted update of "
            + component()
            + " to "
            + accepted.targetVersion
            + "; its scripts have not started yet.");
    return accepted;
  }

  private Integer runScripts(ApplyRecord apply) {
    report(apply, "downloading", null, null);
    List<ScriptRunner.Fetched> scripts = new ArrayList<>();
    try {
      for (ScriptLink link : apply.scripts) {
        ScriptRunner.Fetched fetched =
            new ScriptRunner.Fetched(link, session.downloadScript(link.url()));
        ScriptRunner.verify(fetched);
        scripts.add(fetched);
      }
    } catch (RobertoException e) {
      fail(apply, e.getMessage(), null);
      throw e;
    }

    report(apply, "applying", null, null);
    apply.state = UpdateJournal.RUNNING;
    save(apply);
    ScriptRunner.Outcome outcome =
        new ScriptRunner(err(), Duration.ofSeconds(scriptTimeoutSeconds))
            .run(scripts, scriptEnvironment(apply));
    if (!outcome.succeeded()) {
      fail(apply, outcome.message(), outcome.exitCode());
      throw new RobertoException(
          0,
          "update_failed",
          "The update of "
              + component()
              + " to "
              + apply.targetVersion
              + " failed: "
              + outcome.message(),
          "Fix the cause on this host, then run check-updates and apply again with a new grant.",
          null);
    }

    apply.state = UpdateJournal.SUCCEEDED;
    save(apply);
    recordInstalled(apply);
    report(apply, "succeeded", null, null);
    return printResult(apply, false);
  }

  /** The scripts' environment: what they update, and to which version. */
  private Map<String, String> scriptEnvironment(ApplyRecord apply) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("ROBERTO_UPDATE_COMPONENT", agentId == null ? "runtime" : "agent");
    if (agentId != null) {
      environment.put("ROBERTO_UPDATE_AGENT_ID", agentId);
    }
    environment.put("ROBERTO_UPDATE_TARGET_VERSION", apply.targetVersion);
    environment.put("ROBERTO_UPDATE_DECISION_ID", apply.decisionId);
    return environment;
  }

  private Integer alreadyApplied(ApplyRecord applied) {
    progress(
        "The update of "
            + component()
            + " to "
            + applied.targetVersion
            + " was applied from this host at "
            + applied.updatedAt
            + "; its scripts are not run again.");
    try {
      // The last report may not have reached the control plane; repeating it changes nothing.
      session.reportProgress(applied.decisionId, agentId, "succeeded", null, null);
    } catch (RobertoException e) {
      progress("Note: the control plane did not take the success report again (" + e.code() + ").");
    }
    return printResult(applied, true);
  }

  private RobertoException interrupted(ApplyRecord running) {
    String message =
        "The scripts of the update to "
            + running.targetVersion
            + " started at "
            + running.updatedAt
            + " and did not finish; they are not run again.";
    fail(running, message, null);
    return new RobertoException(
        0,
        "update_interrupted",
        message,
        "Check this host's state by hand; to apply the update again, run check-updates and ask"
            + " an admin for a new grant.",
        null);
  }

  private void fail(ApplyRecord apply, String message, Integer exitCode) {
    apply.state = UpdateJournal.FAILED;
    apply.message = message;
    save(apply);
    try {
      report(apply, "failed", message, exitCode);
    } catch (RobertoException e) {
      progress("Note: the failure could not be reported to the control plane (" + e.code() + ").");
    }
  }

  private void report(ApplyRecord apply, String state, String message, Integer exitCode) {
    progress("Progress: " + state);
    session.reportProgress(apply.decisionId, agentId, state, message, exitCode);
  }

  private Integer printResult(ApplyRecord apply, boolean alreadyApplied) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("decisionId", apply.decisionId);
    fields.put("component", agentId == null ? "runtime" : "agent");
    fields.put("agentId", agentId);
    fields.put("targetVersion", apply.targetVersion);
    fields.put("state", UpdateJournal.SUCCEEDED);
    fields.put("alreadyApplied", alreadyApplied);
    String text =
        alreadyApplied
            ? "Already applied: " + component() + " " + apply.targetVersion + "."
            : "Updated " + component() + " to " + apply.targetVersion + ".";
    output().result(text, fields);
    return ExitCodes.OK;
  }

  private void save(ApplyRecord apply) {
    apply.updatedAt = Instant.now().toString();
    journal.update(
        runtimeKey,
        record -> {
          record.applies.put(UpdateJournal.applyKey(agentId, apply.targetVersion), apply);
          return null;
        });
  }

  /** Records the new version, so that the next check-updates without options reports it. */
  private void recordInstalled(ApplyRecord apply) {
    journal.update(
        runtimeKey,
        record -> {
          InstalledVersions installed = record.installed;
          if (installed == null) {
            return null;
          }
          if (agentId == null) {
            record.installed =
                new InstalledVersions(
                    new InstalledVersions.Installed(
                        apply.targetVersion, installed.runtime().channel()),
                    installed.agents());
          } else {
            List<InstalledVersions.AgentInstalled> agents = new ArrayList<>();
            for (InstalledVersions.AgentInstalled agent : installed.agents()) {
              agents.add(
                  agent.agentId().equals(agentId)
                      ? new InstalledVersions.AgentInstalled(
                          agentId, apply.targetVersion, agent.channel())
                      : agent);
            }
            record.installed = new InstalledVersions(installed.runtime(), agents);
          }
          return null;
        });
  }

  /** Returns this host's recorded apply of the same update in the decision, or null. */
  private ApplyRecord previousApply(RuntimeRecord runtime, String decision) {
    if (runtime.decision == null || !runtime.decision.decisionId().equals(decision)) {
      return null;
    }
    return runtime
        .decision
        .item(agentId)
        .filter(UpdateItem::updateAvailable)
        .map(item -> runtime.applies.get(UpdateJournal.applyKey(agentId, item.targetVersion())))
        .orElse(null);
  }

  private static String lastDecision(RuntimeRecord runtime) {
    if (runtime.decision == null) {
      throw new RobertoException(
          0,
          "no_decision",
          "This host has no decision to apply.",
          "Run `roberto runtime check-updates` first.",
          null);
    }
    return runtime.decision.decisionId();
  }

  private String component() {
    return agentId == null ? "the runtime" : "agent " + agentId;
  }
}
