package io.jenkins.plugins.dtrmigration;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jenkins.MasterToSlaveFileCallable;
import org.dtrmigration.copy.Endpoint;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Base of the steps that read (and write) registry storage: {@code from:} and {@code to:} are each a location URI,
 * with a credentials id per side. A Jenkinsfile may pass DTR's storage map instead; {@link StorageStepDescriptor}
 * turns it into the URI before the step exists, so the step, its form and its snippet only know text. Validation
 * happens when the step runs, with the parameter's name in every message.
 */
public abstract class StorageStep extends Step {

    private final String from;
    private final String to;
    private String fromCredentialsId;
    private String toCredentialsId;
    private int concurrency = org.dtrmigration.copy.CopyOptions.DEFAULT_CONCURRENCY;
    private boolean includeUploads;
    /** Warnings from turning a storage map into {@link #from}/{@link #to}, for the build log; never a secret's value. */
    private transient List<String> warnings = List.of();

    protected StorageStep(String from, String to) {
        this.from = from;
        this.to = to;
    }

    /** The source: {@code file:///…}, {@code s3://…} or {@code azure://…}. Never written. */
    public String getFrom() {
        return from;
    }

    public String getTo() {
        return to;
    }

    @CheckForNull
    public String getFromCredentialsId() {
        return fromCredentialsId;
    }

    @DataBoundSetter
    public void setFromCredentialsId(String fromCredentialsId) {
        this.fromCredentialsId = DtrApiStep.emptyToNull(fromCredentialsId);
    }

    @CheckForNull
    public String getToCredentialsId() {
        return toCredentialsId;
    }

    @DataBoundSetter
    public void setToCredentialsId(String toCredentialsId) {
        this.toCredentialsId = DtrApiStep.emptyToNull(toCredentialsId);
    }

    public int getConcurrency() {
        return concurrency;
    }

    /** Objects (copy) or reads (verify) in flight; default 32. */
    @DataBoundSetter
    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public boolean isIncludeUploads() {
        return includeUploads;
    }

    /** Also copy or compare {@code _uploads/} (pushes in progress). */
    @DataBoundSetter
    public void setIncludeUploads(boolean includeUploads) {
        this.includeUploads = includeUploads;
    }

    List<String> warnings() {
        return warnings == null ? List.of() : warnings;
    }

    void setWarnings(List<String> warnings) {
        this.warnings = List.copyOf(warnings);
    }

    /** The build (credentials), the console, and a workspace on the agent that does the I/O. */
    static Set<? extends Class<?>> requiredContext() {
        return Set.of(Run.class, TaskListener.class, FilePath.class);
    }

    /**
     * The flow both storage steps share: print the warnings, check the step's own options, resolve both sides on the
     * controller (location and credential), and run the step's callable in the workspace on the agent.
     */
    abstract static class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient StorageStep step;

        Execution(StepContext context, StorageStep step) {
            super(context);
            this.step = step;
        }

        /** What to do after a restart, appended to "this step cannot resume after a Jenkins restart". */
        abstract String afterRestart();

        /** Checks the step's own options, before any credential is resolved; throws AbortException naming the parameter. */
        abstract void validate() throws AbortException;

        /**
         * The work for the agent, between the resolved sides.
         *
         * @throws IllegalArgumentException naming the parameter, for a pair the step refuses (e.g. overlapping roots)
         */
        abstract MasterToSlaveFileCallable<Map<String, Object>> callable(Endpoint from, Endpoint to, TaskListener listener);

        @Override
        protected Map<String, Object> run() throws Exception {
            if (step == null) {
                throw new AbortException("this step cannot resume after a Jenkins restart; " + afterRestart());
            }
            TaskListener listener = getContext().get(TaskListener.class);
            step.warnings().forEach(listener.getLogger()::println);
            validate();
            Run<?, ?> run = getContext().get(Run.class);
            FilePath workspace = getContext().get(FilePath.class);
            Endpoint from = StorageEndpoints.resolve(run, "from", step.getFrom(), "fromCredentialsId", step.getFromCredentialsId());
            Endpoint to = StorageEndpoints.resolve(run, "to", step.getTo(), "toCredentialsId", step.getToCredentialsId());
            MasterToSlaveFileCallable<Map<String, Object>> callable;
            try {
                callable = callable(from, to, listener);
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
            return workspace.act(callable);
        }
    }
}
