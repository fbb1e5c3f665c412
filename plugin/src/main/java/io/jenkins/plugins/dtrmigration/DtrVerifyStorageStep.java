package io.jenkins.plugins.dtrmigration;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import java.util.Map;
import java.util.Set;
import jenkins.MasterToSlaveFileCallable;
import org.dtrmigration.copy.Endpoint;
import org.dtrmigration.copy.VerifyOptions;
import org.dtrmigration.copy.VerifyRequest;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code dtrVerifyStorage(from:, to:, deep:, report:, includeUploads:, fromCredentialsId:, toCredentialsId:)}:
 * checks on the agent that {@code to} is an exact copy of {@code from}, returns a summary map, and fails the step
 * with the differences (the first ones; all in {@code report}) when it is not.
 */
public final class DtrVerifyStorageStep extends StorageStep {

    private boolean deep;
    private String report;

    @DataBoundConstructor
    public DtrVerifyStorageStep(String from, String to) {
        super(from, to);
    }

    public boolean isDeep() {
        return deep;
    }

    /** Re-read and re-hash every destination blob (finds a flipped byte that keeps the size). */
    @DataBoundSetter
    public void setDeep(boolean deep) {
        this.deep = deep;
    }

    @CheckForNull
    public String getReport() {
        return report;
    }

    /** A workspace file to write every difference to. */
    @DataBoundSetter
    public void setReport(String report) {
        this.report = DtrApiStep.emptyToNull(report);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    static final class Execution extends StorageStep.Execution {
        private static final long serialVersionUID = 1L;
        private final transient DtrVerifyStorageStep step;
        private transient String reportFile;
        private transient VerifyOptions options;

        Execution(StepContext context, DtrVerifyStorageStep step) {
            super(context, step);
            this.step = step;
        }

        @Override
        String afterRestart() {
            return "run it again";
        }

        @Override
        void validate() throws AbortException {
            reportFile = step.report == null ? null : WorkspaceFiles.checkRelative("report", step.report);
            try {
                options = new VerifyOptions(step.deep, step.isIncludeUploads(), step.getConcurrency());
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
        }

        @Override
        MasterToSlaveFileCallable<Map<String, Object>> callable(Endpoint from, Endpoint to, TaskListener listener) {
            return new VerifyStorageCallable(new VerifyRequest(from, to, options), reportFile, listener);
        }
    }

    @Extension
    public static final class DescriptorImpl extends StorageStepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return requiredContext();
        }

        @Override
        public String getFunctionName() {
            return "dtrVerifyStorage";
        }

        @Override
        public String getDisplayName() {
            return "Verify that DTR/MSR registry storage is an exact copy";
        }

        @POST
        public FormValidation doCheckReport(@QueryParameter String value) {
            return FormChecks.workspaceFile("report", value);
        }
    }
}
