package org.jenkinsci.plugins.workflow.steps;

/**
 * Stub of {@code org.jenkinsci.plugins.workflow.steps.StepExecutions} (workflow-step-api). The private constructor
 * exists upstream too.
 */
public class StepExecutions {
    private StepExecutions() {
    }

    /** Stub of {@code StepExecutions.SynchronousBody}. */
    @FunctionalInterface
    public interface SynchronousBody {
        Object call(StepContext context) throws Exception;
    }

    /** Stub of {@code StepExecutions.SynchronousBodyVoid}. */
    @FunctionalInterface
    public interface SynchronousBodyVoid {
        void call(StepContext context) throws Exception;

        default SynchronousBody asReturn() {
            throw new UnsupportedOperationException();
        }
    }

    /** Stub of {@code StepExecutions.BlockBody}. */
    @FunctionalInterface
    public interface BlockBody {
        void call(StepContext context, BodyInvoker invoker) throws Exception;
    }

    public static StepExecution synchronous(StepContext context, SynchronousBody body) {
        throw new UnsupportedOperationException();
    }

    public static StepExecution synchronousVoid(StepContext context, SynchronousBodyVoid body) {
        throw new UnsupportedOperationException();
    }

    public static StepExecution synchronousNonBlocking(StepContext context, SynchronousBody body) {
        throw new UnsupportedOperationException();
    }

    public static StepExecution synchronousNonBlockingVoid(StepContext context, SynchronousBodyVoid body) {
        throw new UnsupportedOperationException();
    }

    public static StepExecution block(StepContext context, BlockBody body) {
        throw new UnsupportedOperationException();
    }
}
