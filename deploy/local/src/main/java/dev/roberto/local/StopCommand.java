package dev.roberto.local;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code stop} subcommand: sends SIGTERM to a running {@code run} and waits until it exits. */
@Command(
    name = "stop",
    description = "Stops the running local stack and waits until all of it has stopped.")
final class StopCommand implements Callable<Integer> {

  @Mixin HelpOption help;

  @Mixin StateDirectory state;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "90",
      description = "Time to wait for the stack to stop, in seconds (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Override
  public Integer call() throws InterruptedException {
    PidFile pidFile = state.pidFile();
    Optional<ProcessHandle> running = pidFile.runningProcess();
    if (running.isEmpty()) {
      System.out.println(
          "roberto-local is not running (no live process in " + pidFile.path() + ").");
      return 0;
    }

    ProcessHandle process = running.get();
    System.out.println("Stopping roberto-local (pid " + process.pid() + ").");
    process.destroy();
    try {
      process.onExit().get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      System.err.println(
          "roberto-local (pid "
              + process.pid()
              + ") is still running after "
              + timeoutSeconds
              + " s. Its terminal output shows what it waits for.");
      return 1;
    } catch (ExecutionException e) {
      throw new IllegalStateException("Waiting for process " + process.pid() + " failed", e);
    }
    System.out.println("roberto-local stopped.");
    return 0;
  }
}
