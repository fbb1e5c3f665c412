package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Descriptor;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stub of {@code org.jenkinsci.plugins.workflow.steps.StepDescriptor} (workflow-step-api). The implicit public
 * constructor exists upstream too. Non-abstract methods throw here (upstream {@code getProvidedContext()} returns an
 * empty set, {@code takesImplicitBlockArgument()}/{@code isAdvanced()}/{@code isMetaStep()} return false and
 * {@code newInstance(Map)} instantiates through structs' DescribableModel).
 */
public abstract class StepDescriptor extends Descriptor<Step> {
    public abstract Set<? extends Class<?>> getRequiredContext();

    public Set<? extends Class<?>> getProvidedContext() {
        throw new UnsupportedOperationException();
    }

    public abstract String getFunctionName();

    public boolean takesImplicitBlockArgument() {
        throw new UnsupportedOperationException();
    }

    public boolean isAdvanced() {
        throw new UnsupportedOperationException();
    }

    public boolean isMetaStep() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public final Class<?> getMetaStepArgumentType() {
        throw new UnsupportedOperationException();
    }

    /** Deprecated upstream in favour of structs' CustomDescribableModel, which no stub offers; CPS still calls an override. */
    @Deprecated
    public Step newInstance(Map<String, Object> arguments) throws Exception {
        throw new UnsupportedOperationException();
    }

    public final void checkContextAvailability(StepContext c)
            throws IOException, InterruptedException, MissingContextVariableException {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static StepDescriptor byFunctionName(String name) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static List<StepDescriptor> metaStepsOf(String symbol) {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
        throw new UnsupportedOperationException();
    }
}
