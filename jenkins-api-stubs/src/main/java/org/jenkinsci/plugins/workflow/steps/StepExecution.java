package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.ListenableFuture;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Stub of {@code org.jenkinsci.plugins.workflow.steps.StepExecution} (workflow-step-api). Like the real class it is a
 * data holder for its context: the constructor keeps the context and {@link #getContext()} returns it, so an
 * execution built with a mocked {@link StepContext} can run its body in a unit test. Every other method throws.
 */
public abstract class StepExecution implements Serializable {
    /** Not API: the real class has the same private field. */
    private StepContext context;

    protected StepExecution(@NonNull StepContext context) {
        this.context = context;
    }

    @NonNull
    public StepContext getContext() {
        return context;
    }

    public abstract boolean start() throws Exception;

    public void stop(@NonNull Throwable cause) throws Exception {
        throw new UnsupportedOperationException();
    }

    public void onResume() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public String getStatus() {
        throw new UnsupportedOperationException();
    }

    public boolean blocksRestart() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public final String getStatusBounded(long timeout, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    public static ListenableFuture<?> acceptAll(Consumer<StepExecution> f) {
        throw new UnsupportedOperationException();
    }

    public static <T extends StepExecution> ListenableFuture<?> acceptAll(Class<T> type, Consumer<T> f) {
        throw new UnsupportedOperationException();
    }
}
