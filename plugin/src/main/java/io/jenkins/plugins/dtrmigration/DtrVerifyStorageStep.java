package io.jenkins.plugins.dtrmigration;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import java.util.Map;
import java.util.Set;
import org.dtrmigration.copy.Endpoint;
import org.dtrmigration.copy.VerifyOptions;
import org.dtrmigration.copy.VerifyRequest;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
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
    private boolean includeUploads;

    @DataBoundConstructor
    public DtrVerifyStorageStep(Object from, Object to) {
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

    public boolean isIncludeUploads() {
        return includeUploads;
    }

    @DataBoundSetter
    public void setIncludeUploads(boolean includeUploads) {
        this.includeUploads = includeUploads;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient DtrVerifyStorageStep step;

        Execution(StepContext context, DtrVerifyStorageStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            if (step == null) {
                throw new AbortException("this step cannot resume after a Jenkins restart; run it again");
            }
            VerifyOptions options;
            String reportFile = step.report == null ? null : WorkspaceFiles.checkRelative("report", step.report);
            try {
                options = new VerifyOptions(step.deep, step.includeUploads, step.getConcurrency());
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            FilePath workspace = getContext().get(FilePath.class);
            Endpoint from = StorageEndpoints.resolve(run, listener, "from", step.getFrom(), "fromCredentialsId", step.getFromCredentialsId());
            Endpoint to = StorageEndpoints.resolve(run, listener, "to", step.getTo(), "toCredentialsId", step.getToCredentialsId());
            VerifyRequest request;
            try {
                request = new VerifyRequest(from, to, options);
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
            return workspace.act(new VerifyStorageCallable(request, reportFile, listener));
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
