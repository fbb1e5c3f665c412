package io.jenkins.plugins.dtrmigration;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import java.util.Map;
import java.util.Set;
import jenkins.MasterToSlaveFileCallable;
import org.dtrmigration.copy.CopyOptions;
import org.dtrmigration.copy.CopyRequest;
import org.dtrmigration.copy.Endpoint;
import org.dtrmigration.copy.Shard;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code dtrCopyStorage(from:, to:, delete:, shard:, includeUploads:, concurrency:, dryRun:, fromCredentialsId:,
 * toCredentialsId:)}: copies the registry storage on the agent that runs the step (where an NFS mount lives), with
 * progress on the console, and returns a summary map. An incomplete copy fails the step (a dry run never does).
 */
public final class DtrCopyStorageStep extends StorageStep {

    private boolean delete;
    private String shard;
    private boolean dryRun;

    @DataBoundConstructor
    public DtrCopyStorageStep(String from, String to) {
        super(from, to);
    }

    public boolean isDelete() {
        return delete;
    }

    /** Mirror: delete destination objects the source lacks, after both listings completed and every copy succeeded. */
    @DataBoundSetter
    public void setDelete(boolean delete) {
        this.delete = delete;
    }

    @CheckForNull
    public String getShard() {
        return shard;
    }

    /** {@code 'I/N'}: copy slice I of N, for N parallel branches (verify the whole tree after all of them). */
    @DataBoundSetter
    public void setShard(String shard) {
        this.shard = DtrApiStep.emptyToNull(shard);
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    static final class Execution extends StorageStep.Execution {
        private static final long serialVersionUID = 1L;
        private final transient DtrCopyStorageStep step;
        private transient CopyOptions options;

        Execution(StepContext context, DtrCopyStorageStep step) {
            super(context, step);
            this.step = step;
        }

        @Override
        String afterRestart() {
            return "run it again (the copy resumes where it stopped)";
        }

        @Override
        void validate() throws AbortException {
            try {
                options = new CopyOptions(step.delete, step.isIncludeUploads(), Shard.parse(step.shard, "shard"), step.getConcurrency(),
                        step.dryRun);
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
        }

        @Override
        MasterToSlaveFileCallable<Map<String, Object>> callable(Endpoint from, Endpoint to, TaskListener listener) {
            return new CopyStorageCallable(new CopyRequest(from, to, options), listener);
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
            return "dtrCopyStorage";
        }

        @Override
        public String getDisplayName() {
            return "Copy DTR/MSR registry storage to another backend, exactly";
        }

        @POST
        public FormValidation doCheckShard(@QueryParameter String value) {
            return FormChecks.check("shard", value, v -> Shard.parse(v, "shard"));
        }
    }
}
