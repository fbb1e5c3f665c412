package io.jenkins.plugins.dtrmigration;

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
import org.dtrmigration.migration.TagSnapshot;
import org.dtrmigration.registry.DtrClient;
import org.dtrmigration.registry.DtrEndpoint;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code dtrSnapshotTags(url:, credentialsId:, file: 'dtr-tags.json')}: every repository's tags and
 * their digests, from the API, into a workspace file that {@code dtrCheckTags} compares against.
 */
public final class DtrSnapshotTagsStep extends DtrApiStep {

    static final String DEFAULT_FILE = "dtr-tags.json";

    private String file = DEFAULT_FILE;

    @DataBoundConstructor
    public DtrSnapshotTagsStep() {
    }

    public String getFile() {
        return file;
    }

    @DataBoundSetter
    public void setFile(String file) {
        this.file = emptyToNull(file) == null ? DEFAULT_FILE : file.trim();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    private static final class Execution extends DtrApiExecution {
        private static final long serialVersionUID = 1L;
        private final transient DtrSnapshotTagsStep step;
        private transient String relative;

        Execution(StepContext context, DtrSnapshotTagsStep step) {
            super(context, step.connection());
            this.step = step;
        }

        @Override
        void validate() throws AbortException {
            relative = WorkspaceFiles.checkRelative("file", step.file);
        }

        @Override
        DtrCallable callable(DtrEndpoint endpoint, TaskListener listener) {
            return new Snapshot(endpoint, listener, relative);
        }
    }

    static final class Snapshot extends DtrCallable {
        private static final long serialVersionUID = 1L;
        private final String file;

        Snapshot(DtrEndpoint endpoint, TaskListener listener, String file) {
            super(endpoint, listener);
            this.file = file;
        }

        @Override
        Map<String, Object> run(DtrClient client, EventSink events, File workspace) throws IOException {
            TagSnapshot snapshot = TagSnapshot.take(client, events);
            snapshot.write(WorkspaceFiles.resolve(workspace, file));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("file", file);
            result.put("repositories", snapshot.repositories().size());
            result.put("tags", snapshot.tagCount());
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
            return "dtrSnapshotTags";
        }

        @Override
        public String getDisplayName() {
            return "Snapshot every DTR/MSR tag and its digest";
        }

        @POST
        public FormValidation doCheckFile(@QueryParameter String value) {
            return FormChecks.workspaceFile("file", value);
        }
    }
}
