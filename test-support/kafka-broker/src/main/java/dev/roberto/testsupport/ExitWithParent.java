package dev.roberto.testsupport;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another main class in this JVM and exits when the parent process ends, so a service that a
 * test run starts as a child process never outlives that run, even when the run is killed.
 *
 * <p>Arguments: the parent's process id, the main class, then that class's own arguments.
 */
public final class ExitWithParent {

  private ExitWithParent() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: ExitWithParent PARENT_PID MAIN_CLASS [ARGS...]");
      System.exit(2);
    }
    long parentPid = Long.parseLong(args[0]);
    ProcessHandle.of(parentPid)
        .ifPresentOrElse(
            parent -> parent.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));

    Method main = Class.forName(args[1]).getMethod("main", String[].class);
    main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
  }
}
