package dev.roberto.local;

import dev.roberto.testsupport.FreePorts;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code status} subcommand: whether a {@code run} is alive and which services are ready. */
@Command(
    name = "status",
    description = {
      "Shows whether the local stack runs and which services report ready.",
      "Exit code: 0 when it runs and every service is ready, 1 when it runs but some service is"
          + " not ready, 3 when it does not run."
    })
final class StatusCommand implements Callable<Integer> {

  static final int NOT_RUNNING = 3;

  @Mixin HelpOption help;

  @Mixin StateDirectory state;

  @Override
  public Integer call() {
    PidFile pidFile = state.pidFile();
    Optional<ProcessHandle> running = pidFile.runningProcess();
    if (running.isEmpty()) {
      System.out.println("roberto-local is not running.");
      return NOT_RUNNING;
    }
    System.out.println("roberto-local is running (pid " + running.get().pid() + ").");

    Properties description = pidFile.readState();
    if (description.getProperty("provider.url") == null) {
      System.out.println("It is still starting PostgreSQL, Kafka and the stand-in LLM provider.");
      return 1;
    }

    if (description.getProperty("control-plane.url") != null) {
      System.out.println("Control plane URL: " + description.getProperty("control-plane.url"));
    }
    Readiness readiness = new Readiness();
    boolean allReady = true;
    String services = description.getProperty("services", "");
    for (String name : services.isEmpty() ? new String[0] : services.split(",")) {
      String url = description.getProperty("service." + name + ".url");
      int status = readiness.status(url);
      String outcome;
      if (status == 200) {
        outcome = "ready";
      } else if (status == Readiness.NO_RESPONSE) {
        outcome = "not ready (no response)";
      } else {
        outcome = "not ready (HTTP " + status + ")";
      }
      allReady &= status == 200;
      System.out.printf(Locale.ROOT, "  %-16s %-24s %s%n", name, url, outcome);
    }

    String providerUrl = description.getProperty("provider.url");
    System.out.printf(
        Locale.ROOT,
        "  %-16s %-24s %s%n",
        "stand-in LLM",
        providerUrl,
        listening(URI.create(providerUrl).getPort()) ? "listening" : "not listening");
    String kafka = description.getProperty("kafka.bootstrap.servers");
    System.out.printf(
        Locale.ROOT,
        "  %-16s %-24s %s%n",
        "Kafka",
        kafka,
        listening(Integer.parseInt(kafka.substring(kafka.lastIndexOf(':') + 1)))
            ? "listening"
            : "not listening");
    System.out.println("Logs: " + description.getProperty("logs"));
    return allReady ? 0 : 1;
  }

  private static boolean listening(int port) {
    return FreePorts.isListening("127.0.0.1", port, 500);
  }
}
