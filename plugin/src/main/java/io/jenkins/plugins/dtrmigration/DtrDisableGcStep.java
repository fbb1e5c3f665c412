package io.jenkins.plugins.dtrmigration;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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

/**
 * {@code dtrDisableGc(url:, credentialsId:)}: saves every GC cron in full to a workspace file, deletes
 * them and cancels running GC jobs. Returns the saved schedule.
 */
public final class DtrDisableGcStep extends DtrApiStep {

    static final String DEFAULT_FILE = "dtr-gc-schedule.json";

    private String file = DEFAULT_FILE;

    @DataBoundConstructor
    public DtrDisableGcStep() {
    }

    public String getFile() {
        return file;
    }

    /** Workspace-relative file the schedule is saved to; {@code dtrRestoreGc} reads it back. */
    @DataBoundSetter
    public void setFile(String file) {
        this.file = emptyToNull(file) == null ? DEFAULT_FILE : file.trim();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = DtrApiExecution.NOT_RESUMED)
    private static final class Execution extends DtrApiExecution {
        private static final long serialVersionUID = 1L;
        private final transient DtrDisableGcStep step;
        private transient String relative;

        Execution(StepContext context, DtrDisableGcStep step) {
            super(context, step.connection());
            this.step = step;
        }

        @Override
        void validate() throws AbortException {
            relative = WorkspaceFiles.checkRelative("file", step.file);
        }

        @Override
        DtrCallable callable(DtrEndpoint endpoint, TaskListener listener) {
            return new Disable(endpoint, listener, relative);
        }
    }

    static final class Disable extends DtrCallable {
        private static final long serialVersionUID = 1L;
        private final String file;

        Disable(DtrEndpoint endpoint, TaskListener listener, String file) {
            super(endpoint, listener);
            this.file = file;
        }

        @Override
        Map<String, Object> run(DtrClient client, EventSink events, File workspace) throws IOException {
            Path target = WorkspaceFiles.resolve(workspace, file);
            // Saved before the first deletion, so a run cut short (agent lost, controller restart) leaves the file.
            GcSchedule removed = new GcControl(client, events).disable(toRemove -> GcScheduleFile.save(target, toRemove, events));
            GcSchedule saved = GcScheduleFile.save(target, removed, events);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("file", file);
            result.put("removed", new ArrayList<>(removed.actions()));
            result.put("crons", GcViews.crons(saved.crons()));
            result.put("canceledJobs", new ArrayList<>(removed.canceledJobs()));
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
            return "dtrDisableGc";
        }

        @Override
        public String getDisplayName() {
            return "Disable DTR/MSR garbage collection, saving its schedule";
        }

        @POST
        public FormValidation doCheckFile(@QueryParameter String value) {
            return FormChecks.workspaceFile("file", value);
        }
    }
}
