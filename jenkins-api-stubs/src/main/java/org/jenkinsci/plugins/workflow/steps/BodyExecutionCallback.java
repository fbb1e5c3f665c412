package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import java.io.Serializable;

/**
 * Stub of {@code org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback} (workflow-step-api). The implicit public
 * constructors (of this class and of {@link TailCall}) exist upstream too.
 */
public abstract class BodyExecutionCallback implements Serializable {
    public void onStart(StepContext context) {
        throw new UnsupportedOperationException();
    }

    public abstract void onSuccess(StepContext context, Object result);

    public abstract void onFailure(StepContext context, Throwable t);

    public static BodyExecutionCallback wrap(FutureCallback<Object> v) {
        throw new UnsupportedOperationException();
    }

    /** Stub of {@code BodyExecutionCallback.TailCall}. */
    public abstract static class TailCall extends BodyExecutionCallback {
        protected abstract void finished(StepContext context) throws Exception;

        @Override
        public final void onSuccess(StepContext context, Object result) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void onFailure(StepContext context, Throwable t) {
            throw new UnsupportedOperationException();
        }
    }
}
