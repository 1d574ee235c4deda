package dev.roberto.cli.runtime.update;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roberto.cli.Output;
import dev.roberto.cli.RobertoCommand;
import dev.roberto.client.RequestLog;
import dev.roberto.client.update.RuntimeSession;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Shared access to the global options for the runtime-update commands. */
abstract class UpdateSubcommand implements Callable<Integer> {

  static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  RobertoCommand root() {
    return (RobertoCommand) spec.root().userObject();
  }

  Output output() {
    return new Output(spec.commandLine().getOut(), root().json());
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Opens a session as the runtime, with the credential from this process's environment. */
  RuntimeSession runtimeSession() {
    return RuntimeSession.fromEnvironment(root().controlPlane(), System.getenv(), this::logRequest);
  }

  /** Prints a line to stderr for the person, unless results go out as JSON. */
  void progress(String line) {
    if (!root().json()) {
      err().println(line);
      err().flush();
    }
  }

  /** Returns a record as a map of its JSON fields, for {@code --json} output. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> fieldsOf(Object value) {
    return JSON.convertValue(value, Map.class);
  }

  private void logRequest(RequestLog log) {
    if (root().verbose()) {
      String status = log.status() == 0 ? "no response" : Integer.toString(log.status());
      err()
          .println(
              log.method()
                  + " "
                  + log.uri()
                  + " -> "
                  + status
                  + " (request id "
                  + log.requestId()
                  + ")");
      err().flush();
    }
  }
}
