package io.jenkins.plugins.dtrmigration;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.migration.TagCheck;
import org.dtrmigration.migration.TagCheckReport;
import org.dtrmigration.migration.TagSnapshot;
import org.dtrmigration.registry.DtrClient;
import org.dtrmigration.registry.DtrEndpoint;
import org.dtrmigration.registry.DtrException;
import org.dtrmigration.secret.Secret;
import org.dtrmigration.storage.EnvironmentCredentials;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.StorageLocation;
import org.dtrmigration.storage.StoreFactory;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code dtrCheckTags(url:, credentialsId:, from: 'dtr-tags.json', storage: 's3://…')}: after a
 * restore or reconfigure, every tag of the snapshot must exist with the same digest, and its
 * manifests, blobs and links must be in the new storage. Writes the report
 * ({@code dtr-tag-check.json}) that {@code dtrOnlineGc} requires after a restore, and fails listing
 * what is missing. Storage credentials come from the build environment ({@code withCredentials}:
 * AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AZURE_STORAGE_ACCOUNT/AZURE_STORAGE_KEY, …).
 */
public final class DtrCheckTagsStep extends DtrApiStep {

    static final String DEFAULT_REPORT = "dtr-tag-check.json";

    private String from;
    private String storage;
    private String report = DEFAULT_REPORT;

    @DataBoundConstructor
    public DtrCheckTagsStep() {
    }

    public String getFrom() {
        return from;
    }

    /** The workspace-relative tag snapshot taken before the switch. */
    @DataBoundSetter
    public void setFrom(String from) {
        this.from = emptyToNull(from);
    }

    public String getStorage() {
        return storage;
    }

    /** The new storage as the agent reads it: {@code file:///…}, {@code s3://…} or {@code azure://…}. */
    @DataBoundSetter
    public void setStorage(String storage) {
        this.storage = emptyToNull(storage);
    }

    public String getReport() {
        return report;
    }

    @DataBoundSetter
    public void setReport(String report) {
        this.report = emptyToNull(report) == null ? DEFAULT_REPORT : report.trim();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    private static final class Execution extends DtrApiExecution {
        private static final long serialVersionUID = 1L;
        private final transient DtrCheckTagsStep step;
        private transient String fromFile;
        private transient String reportFile;
        private transient StorageLocation location;
        private transient Map<String, Secret> environment;

        Execution(StepContext context, DtrCheckTagsStep step) {
            super(context, step.connection());
            this.step = step;
        }

        @Override
        void validate() throws AbortException {
            fromFile = WorkspaceFiles.checkRelative("from", step.from);
            reportFile = WorkspaceFiles.checkRelative("report", step.report);
            try {
                location = StorageLocation.parse(step.storage, "storage");
                environment = BootstrapperExecution.environment(getContext().get(EnvVars.class));
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            } catch (IOException e) {
                throw new AbortException("cannot read the build environment: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AbortException("interrupted");
            }
        }

        @Override
        DtrCallable callable(DtrEndpoint endpoint, TaskListener listener) {
            return new Check(endpoint, listener, fromFile, reportFile, location, environment);
        }
    }

    static final class Check extends DtrCallable {
        private static final long serialVersionUID = 1L;
        private final String from;
        private final String report;
        private final StorageLocation location;
        private final TreeMap<String, Secret> environment;

        Check(DtrEndpoint endpoint, TaskListener listener, String from, String report, StorageLocation location,
              Map<String, Secret> environment) {
            super(endpoint, listener);
            this.from = from;
            this.report = report;
            this.location = location;
            this.environment = new TreeMap<>(environment);
        }

        @Override
        Map<String, Object> run(DtrClient client, EventSink events, File workspace) throws IOException {
            TagSnapshot expected = TagSnapshot.read(WorkspaceFiles.resolve(workspace, from));
            Map<String, String> plain = new HashMap<>();
            environment.forEach((k, v) -> plain.put(k, v.reveal()));
            TagCheckReport r;
            try (ObjectStore store = new StoreFactory().open(location, new EnvironmentCredentials(plain).resolve(location, "storage"))) {
                TagSnapshot now = TagSnapshot.take(client, events);
                r = new TagCheck(store, location.toUri(), events, Clock.systemUTC()).check(expected, now);
            } catch (DtrException e) {
                throw e;
            } catch (IOException e) {
                throw new AbortException("cannot check the storage " + location.toUri() + ": " + e.getMessage());
            }
            r.write(WorkspaceFiles.resolve(workspace, report));
            if (!r.passed()) {
                throw new AbortException("tag check " + r.summary() + "; report " + report + r.problems());
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("passed", true);
            result.put("report", report);
            result.put("tags", r.snapshotTags());
            result.put("blobs", r.blobsChecked());
            result.put("extraTags", r.extraTags());
            result.put("missingTags", new ArrayList<>(r.missingTags()));
            result.put("missingBlobs", new ArrayList<>(r.missingBlobs()));
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
            return "dtrCheckTags";
        }

        @Override
        public String getDisplayName() {
            return "Prove every DTR/MSR tag survived a storage switch";
        }

        @POST
        public FormValidation doCheckFrom(@QueryParameter String value) {
            return FormChecks.requiredWorkspaceFile("from", value);
        }

        @POST
        public FormValidation doCheckStorage(@QueryParameter String value) {
            return FormChecks.location("storage", value);
        }

        @POST
        public FormValidation doCheckReport(@QueryParameter String value) {
            return FormChecks.workspaceFile("report", value);
        }
    }
}
