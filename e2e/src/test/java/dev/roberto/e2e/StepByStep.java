package dev.roberto.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Skips the remaining steps of a walk-through once one step failed, because each step builds on
 * what the earlier ones left behind. The first failure is the one to read. Steps marked {@link
 * RunsAfterFailure} still run.
 */
final class StepByStep implements ExecutionCondition, TestWatcher {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(StepByStep.class);
  private static final String FAILED_STEP = "failed-step";

  /** Marks a step that runs even after an earlier step failed, such as the log scan. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @interface RunsAfterFailure {}

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (context.getTestMethod().isEmpty()
        || context.getRequiredTestMethod().isAnnotationPresent(RunsAfterFailure.class)) {
      return ConditionEvaluationResult.enabled("runs regardless of earlier steps");
    }
    Optional<String> failed = failedStep(context);
    return failed
        .map(step -> ConditionEvaluationResult.disabled("the earlier step " + step + " failed"))
        .orElseGet(() -> ConditionEvaluationResult.enabled("no earlier step failed"));
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    ExtensionContext.Store store = classStore(context);
    if (store.get(FAILED_STEP) == null) {
      store.put(FAILED_STEP, context.getDisplayName());
    }
  }

  private static Optional<String> failedStep(ExtensionContext context) {
    return Optional.ofNullable(classStore(context).get(FAILED_STEP, String.class));
  }

  private static ExtensionContext.Store classStore(ExtensionContext context) {
    return context.getParent().orElseThrow().getStore(NAMESPACE);
  }
}
