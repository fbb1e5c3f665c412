package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;

/**
 * Stub of {@code org.jenkinsci.plugins.workflow.steps.MissingContextVariableException} (workflow-step-api).
 * {@code getMessage()} is not stubbed (it stays {@link Throwable}'s).
 */
public class MissingContextVariableException extends Exception {
    @Deprecated
    public MissingContextVariableException(@NonNull Class<?> type) {
    }

    public MissingContextVariableException(@NonNull Class<?> type, @NonNull StepDescriptor d) {
    }

    @NonNull
    public Class<?> getType() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public List<StepDescriptor> getProviders() {
        throw new UnsupportedOperationException();
    }
}
