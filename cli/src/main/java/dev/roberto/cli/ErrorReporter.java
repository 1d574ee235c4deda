package dev.roberto.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roberto.client.AuthenticationException;
import dev.roberto.client.BillingRefusedException;
import dev.roberto.client.RobertoException;
import dev.roberto.client.ServiceUnavailableException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Prints every failure as a message and a hint, never a stack trace, and chooses the exit code.
 * With {@code --json} the same fields go to stderr as one JSON object.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) {
    RobertoCommand root = commandLine.getCommandSpec().root().commandLine().getCommand();
    PrintWriter err = commandLine.getErr();
    if (exception instanceof RobertoException failure) {
      printFailure(err, root, failure);
      return exitCodeOf(failure);
    }
    if (exception instanceof IllegalArgumentException invalid) {
      print(
          err,
          root,
          "invalid_argument",
          invalid.getMessage(),
          "Check the value and try again; see `roberto --help`.",
          null);
      return ExitCodes.USAGE;
    }
    if (exception instanceof UncheckedIOException io) {
      print(
          err,
          root,
          "local_io_error",
          io.getMessage() + ": " + io.getCause().getMessage(),
          "Check that the config folder is writable by you.",
          null);
      return ExitCodes.FAILURE;
    }
    print(
        err,
        root,
        "internal_error",
        "Unexpected " + exception.getClass().getSimpleName() + ": " + exception.getMessage(),
        "Run the command again with --verbose and report the output.",
        null);
    return ExitCodes.FAILURE;
  }

  /** Prints a usage error with the command's usage line; exit code {@link ExitCodes#USAGE}. */
  static int usageError(ParameterException exception, String[] args) {
    CommandLine commandLine = exception.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println("Error: " + exception.getMessage());
    err.println(
        "Hint: run `"
            + commandLine.getCommandSpec().qualifiedName()
            + " --help` to see the commands and options.");
    err.flush();
    return ExitCodes.USAGE;
  }

  static int exitCodeOf(RobertoException failure) {
    if (failure instanceof AuthenticationException) {
      return ExitCodes.AUTHENTICATION;
    }
    if (failure instanceof BillingRefusedException) {
      return ExitCodes.BILLING;
    }
    if (failure instanceof ServiceUnavailableException) {
      return ExitCodes.UNAVAILABLE;
    }
    return ExitCodes.FAILURE;
  }

  /**
   * Prints a failure of the control plane with its details, such as the fields a validation
   * rejected or Stripe's error; with {@code --json} the problem's further members are added to the
   * object.
   */
  private static void printFailure(PrintWriter err, RobertoCommand root, RobertoException failure) {
    if (root.json()) {
      ObjectNode body = JSON.createObjectNode();
      body.put("code", failure.code());
      body.put("message", failure.getMessage());
      body.put("hint", failure.hint());
      body.put("requestId", failure.requestId());
      failure
          .extensions()
          .forEach(
              (name, value) -> {
                if (!body.has(name)) {
                  body.set(name, JSON.valueToTree(value));
                }
              });
      err.println(body.toString());
      err.flush();
      return;
    }
    err.println("Error: " + failure.getMessage() + " [" + failure.code() + "]");
    for (String detail : failure.details()) {
      err.println("  " + detail);
    }
    if (failure.hint() != null) {
      err.println("Hint: " + failure.hint());
    }
    if (root.verbose() && failure.requestId() != null) {
      err.println("Request id: " + failure.requestId());
    }
    err.flush();
  }

  private static void print(
      PrintWriter err,
      RobertoCommand root,
      String code,
      String message,
      String hint,
      String requestId) {
    if (root.json()) {
      ObjectNode body = JSON.createObjectNode();
      body.put("code", code);
      body.put("message", message);
      body.put("hint", hint);
      body.put("requestId", requestId);
      err.println(body.toString());
    } else {
      err.println("Error: " + message + " [" + code + "]");
      if (hint != null) {
        err.println("Hint: " + hint);
      }
      if (root.verbose() && requestId != null) {
        err.println("Request id: " + requestId);
      }
    }
    err.flush();
  }
}
