package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Stub of {@code org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution} (workflow-step-api).
 * The constructor does nothing; {@link #start()} throws here (upstream it runs {@link #run()} on a pool thread).
 */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    protected SynchronousNonBlockingStepExecution(@NonNull StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        throw new UnsupportedOperationException();
    }

    @Override
    public void stop(@NonNull Throwable cause) throws Exception {
        throw new UnsupportedOperationException();
    }

    @Override
    public void onResume() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getStatus() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean blocksRestart() {
        throw new UnsupportedOperationException();
    }
}
