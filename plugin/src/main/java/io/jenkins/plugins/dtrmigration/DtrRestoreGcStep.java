package io.jenkins.plugins.dtrmigration;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.migration.GcControl;
import org.dtrmigration.migration.GcSchedule;
import org.dtrmigration.migration.GcScheduleFile;
import org.dtrmigration.registry.DtrClient;
import org.dtrmigration.registry.DtrEndpoint;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** {@code dtrRestoreGc(url:, credentialsId:)}: re-creates exactly the GC crons {@code dtrDisableGc} saved. */
public final class DtrRestoreGcStep extends DtrApiStep {

    private String file = DtrDisableGcStep.DEFAULT_FILE;

    @DataBoundConstructor
    public DtrRestoreGcStep() {
    }

    public String getFile() {
        return file;
    }

    /** The workspace-relative file written by {@code dtrDisableGc}. */
    @DataBoundSetter
    public void setFile(String file) {
        this.file = emptyToNull(file) == null ? DtrDisableGcStep.DEFAULT_FILE : file.trim();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = DtrApiExecution.NOT_RESUMED)
    private static final class Execution extends DtrApiExecution {
        private static final long serialVersionUID = 1L;
        private final transient DtrRestoreGcStep step;
        private transient String relative;

        Execution(StepContext context, DtrRestoreGcStep step) {
            super(context, step.connection());
            this.step = step;
        }

        @Override
        void validate() throws AbortException {
            relative = WorkspaceFiles.checkRelative("file", step.file);
        }

        @Override
        DtrCallable callable(DtrEndpoint endpoint, TaskListener listener) {
            return new Restore(endpoint, listener, relative);
        }
    }

    static final class Restore extends DtrCallable {
        private static final long serialVersionUID = 1L;
        private final String file;

        Restore(DtrEndpoint endpoint, TaskListener listener, String file) {
            super(endpoint, listener);
            this.file = file;
        }

        @Override
        Map<String, Object> run(DtrClient client, EventSink events, File workspace) throws IOException {
            GcSchedule saved;
            try {
                saved = GcScheduleFile.read(WorkspaceFiles.resolve(workspace, file));
            } catch (IllegalArgumentException e) {
                throw new AbortException("file: " + e.getMessage());
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("file", file);
            result.put("restored", GcViews.crons(new GcControl(client, events).restore(saved)));
            return result;
        }
    }

    @Extension
    public static final class DescriptorImpl extends DtrApiStepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return requiredContext();
        }

        @Override
        public String getFunctionName() {
            return "dtrRestoreGc";
        }

        @Override
        public String getDisplayName() {
            return "Restore the DTR/MSR garbage-collection schedule saved by dtrDisableGc";
        }

        @POST
        public FormValidation doCheckFile(@QueryParameter String value) {
            return FormChecks.workspaceFile("file", value);
        }
    }
}
