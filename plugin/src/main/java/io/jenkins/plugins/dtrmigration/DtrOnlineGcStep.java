package io.jenkins.plugins.dtrmigration;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.migration.OnlineGc;
import org.dtrmigration.migration.PostRestoreGcGuard;
import org.dtrmigration.migration.RefusedException;
import org.dtrmigration.migration.RestoreRecord;
import org.dtrmigration.migration.TagCheckReport;
import org.dtrmigration.registry.DtrClient;
import org.dtrmigration.registry.DtrEndpoint;
import org.dtrmigration.registry.JobWatcher;
import org.dtrmigration.util.Durations;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code dtrOnlineGc(url:, credentialsId:, action: 'onlinegc_blobs', timeout: '2h')}: starts the job,
 * streams its log to the console, and fails with the job id and status unless it ends {@code done}.
 */
public final class DtrOnlineGcStep extends DtrApiStep {

    static final String DEFAULT_ACTION = "onlinegc_blobs";
    static final String DEFAULT_TIMEOUT = "2h";
    /** The job actions the step accepts, the default first (the Snippet Generator preselects it). */
    static final List<String> ACTIONS = List.of(DEFAULT_ACTION, "onlinegc", "onlinegc_metadata", "gc");

    private String action = DEFAULT_ACTION;
    private String timeout = DEFAULT_TIMEOUT;
    private String restoreRecord = RestoreRecord.DEFAULT_FILE;
    private String tagCheck = DtrCheckTagsStep.DEFAULT_REPORT;

    @DataBoundConstructor
    public DtrOnlineGcStep() {
    }

    public String getAction() {
        return action;
    }

    /** {@code onlinegc_blobs} (default), {@code onlinegc}, {@code onlinegc_metadata} or {@code gc}. */
    @DataBoundSetter
    public void setAction(String action) {
        this.action = emptyToNull(action) == null ? DEFAULT_ACTION : action.trim();
    }

    public String getTimeout() {
        return timeout;
    }

    /** How long to wait for the job, e.g. {@code 2h}. */
    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = emptyToNull(timeout) == null ? DEFAULT_TIMEOUT : timeout.trim();
    }

    public String getRestoreRecord() {
        return restoreRecord;
    }

    /** Written by dtrRestore; while it names this DTR, onlinegc_blobs needs a passing {@code tagCheck} report newer than it. */
    @DataBoundSetter
    public void setRestoreRecord(String restoreRecord) {
        this.restoreRecord = emptyToNull(restoreRecord) == null ? RestoreRecord.DEFAULT_FILE : restoreRecord.trim();
    }

    public String getTagCheck() {
        return tagCheck;
    }

    /** The report written by dtrCheckTags. */
    @DataBoundSetter
    public void setTagCheck(String tagCheck) {
        this.tagCheck = emptyToNull(tagCheck) == null ? DtrCheckTagsStep.DEFAULT_REPORT : tagCheck.trim();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = DtrApiExecution.NOT_RESUMED)
    private static final class Execution extends DtrApiExecution {
        private static final long serialVersionUID = 1L;
        private final transient DtrOnlineGcStep step;
        private transient Duration wait;
        private transient String record;
        private transient String report;

        Execution(StepContext context, DtrOnlineGcStep step) {
            super(context, step.connection());
            this.step = step;
        }

        @Override
        void validate() throws AbortException {
            try {
                OnlineGc.checkAction(step.action);
                wait = Durations.parse("timeout", step.timeout);
                record = WorkspaceFiles.checkRelative("restoreRecord", step.restoreRecord);
                report = WorkspaceFiles.checkRelative("tagCheck", step.tagCheck);
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
        }

        @Override
        DtrCallable callable(DtrEndpoint endpoint, TaskListener listener) {
            return new Collect(endpoint, listener, step.action, wait, record, report);
        }
    }

    static final class Collect extends DtrCallable {
        private static final long serialVersionUID = 1L;
        private final String action;
        private final Duration timeout;
        private final String restoreRecord;
        private final String tagCheck;

        Collect(DtrEndpoint endpoint, TaskListener listener, String action, Duration timeout, String restoreRecord, String tagCheck) {
            super(endpoint, listener);
            this.action = action;
            this.timeout = timeout;
            this.restoreRecord = restoreRecord;
            this.tagCheck = tagCheck;
        }

        @Override
        Map<String, Object> run(DtrClient client, EventSink events, File workspace) throws IOException, InterruptedException {
            // After a restore, onlinegc_blobs deletes what the restored metadata does not reference: only with a passing tag check.
            Path report = WorkspaceFiles.resolve(workspace, tagCheck);
            try {
                PostRestoreGcGuard.check(action, client.endpoint().url().toString(),
                        RestoreRecord.readIfPresent(WorkspaceFiles.resolve(workspace, restoreRecord)),
                        Files.exists(report) ? Optional.of(TagCheckReport.read(report)) : Optional.empty(), tagCheck);
            } catch (RefusedException e) {
                throw new AbortException(e.getMessage());
            }
            JobWatcher.Outcome o = new OnlineGc(client, events).run(action, timeout);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("jobId", o.job().id());
            result.put("action", action);
            result.put("status", o.job().status());
            result.put("jobs", new ArrayList<>(o.chain()));
            result.put("logLines", o.logLines());
            result.put("seconds", o.elapsed().toSeconds());
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
            return "dtrOnlineGc";
        }

        @Override
        public String getDisplayName() {
            return "Run DTR/MSR online garbage collection and wait for it";
        }

        @POST
        public ListBoxModel doFillActionItems() {
            ListBoxModel items = new ListBoxModel();
            for (String action : ACTIONS) {
                items.add(action, action);
            }
            return items;
        }

        @POST
        public FormValidation doCheckTimeout(@QueryParameter String value) {
            return FormChecks.duration("timeout", value);
        }

        @POST
        public FormValidation doCheckRestoreRecord(@QueryParameter String value) {
            return FormChecks.workspaceFile("restoreRecord", value);
        }

        @POST
        public FormValidation doCheckTagCheck(@QueryParameter String value) {
            return FormChecks.workspaceFile("tagCheck", value);
        }
    }
}
