package io.jenkins.plugins.dtrmigration;

import hudson.AbortException;
import hudson.Extension;
import hudson.util.FormValidation;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.dtrmigration.bootstrapper.BootstrapperImage;
import org.dtrmigration.bootstrapper.ProcessRunner;
import org.dtrmigration.bootstrapper.UcpConnection;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.migration.BackupProcedure;
import org.dtrmigration.registry.DtrClient;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code dtrBackup(url:, credentialsId:, ucpUrl:, ucpCredentialsId:, replicaId:, file: 'dtr-backup.tar')}:
 * a tag snapshot, then the bootstrapper's metadata backup streamed into a workspace file on the
 * agent, checked, with a JSON sidecar. Refused while GC is on (unless {@code force: true}); warns
 * unless read-only is on.
 */
public final class DtrBackupStep extends BootstrapperStep {

    static final String DEFAULT_FILE = "dtr-backup.tar";

    private String file = DEFAULT_FILE;
    private String tagSnapshot;
    private boolean offline;
    private boolean force;

    @DataBoundConstructor
    public DtrBackupStep() {
    }

    public String getFile() {
        return file;
    }

    /** Workspace-relative backup file; its sidecar is FILE.json. */
    @DataBoundSetter
    public void setFile(String file) {
        this.file = emptyToNull(file) == null ? DEFAULT_FILE : file.trim();
    }

    public String getTagSnapshot() {
        return tagSnapshot;
    }

    /** Workspace-relative tag snapshot (default FILE.tags.json). */
    @DataBoundSetter
    public void setTagSnapshot(String tagSnapshot) {
        this.tagSnapshot = emptyToNull(tagSnapshot);
    }

    public boolean isOffline() {
        return offline;
    }

    /** {@code --offline-backup} (2.6+): DTR's containers stop for a consistent backup. */
    @DataBoundSetter
    public void setOffline(boolean offline) {
        this.offline = offline;
    }

    public boolean isForce() {
        return force;
    }

    /** Back up even though GC crons are scheduled (a warning instead of a refusal). */
    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new BootstrapperExecution<>(context, this, this::request, Backup::new);
    }

    /** The procedure's options and the workspace-relative backup and snapshot files. */
    record Request(BackupProcedure.Options options, String file, String snapshot) implements Serializable {
    }

    Request request() throws AbortException {
        String relative = WorkspaceFiles.checkRelative("file", file);
        String snapshot = WorkspaceFiles.checkRelative("tagSnapshot", tagSnapshot != null ? tagSnapshot : relative + ".tags.json");
        BootstrapperImage image = parsedImage();
        try {
            return new Request(new BackupProcedure.Options(image, BootstrapperExecution.requireReplica(this), offline, force), relative,
                    snapshot);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    static final class Backup extends BootstrapperCallable<Request> {
        private static final long serialVersionUID = 1L;

        Backup(Agent agent, Request request) {
            super(agent, request);
        }

        @Override
        Map<String, Object> run(DtrClient client, UcpConnection ucp, ProcessRunner runner, EventSink events, Path workspace)
                throws IOException, InterruptedException {
            BackupProcedure.Result r = new BackupProcedure(client, ucp, runner, "docker", events, Clock.systemUTC())
                    .run(request.options(), workspace.resolve(request.file()), workspace.resolve(request.snapshot()));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("file", request.file());
            result.put("sidecar", request.file() + ".json");
            result.put("sha256", r.manifest().sha256());
            result.put("size", r.manifest().size());
            result.put("entries", r.manifest().entries());
            result.put("dtrVersion", r.manifest().dtrVersion());
            result.put("image", r.manifest().image());
            result.put("replicaId", r.manifest().replicaId());
            result.put("readOnly", r.readOnly());
            result.put("tagSnapshot", request.snapshot());
            result.put("repositories", r.snapshot().repositories().size());
            result.put("tags", r.snapshot().tagCount());
            return result;
        }
    }

    @Extension
    public static final class DescriptorImpl extends BootstrapperStepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return requiredContext();
        }

        @Override
        public String getFunctionName() {
            return "dtrBackup";
        }

        @Override
        public String getDisplayName() {
            return "Back up DTR/MSR metadata with the bootstrapper, checked, with a tag snapshot";
        }

        @POST
        public FormValidation doCheckFile(@QueryParameter String value) {
            return FormChecks.workspaceFile("file", value);
        }

        @POST
        public FormValidation doCheckTagSnapshot(@QueryParameter String value) {
            return FormChecks.workspaceFile("tagSnapshot", value);
        }
    }
}
