package io.jenkins.plugins.dtrmigration;

import hudson.AbortException;
import hudson.Extension;
import hudson.util.FormValidation;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dtrmigration.bootstrapper.BootstrapperCommand;
import org.dtrmigration.bootstrapper.BootstrapperImage;
import org.dtrmigration.bootstrapper.ProcessRunner;
import org.dtrmigration.bootstrapper.StorageTarget;
import org.dtrmigration.bootstrapper.UcpConnection;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.migration.RestoreProcedure;
import org.dtrmigration.migration.RestoreRecord;
import org.dtrmigration.registry.DtrClient;
import org.dtrmigration.storage.StorageLocation;
import org.dtrmigration.storage.StoreFactory;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code dtrRestore(…, file: 'dtr-backup.tar', storage: 's3://…')}: destroys every replica and
 * restores from a checked backup onto new storage. Before the first destroy: the backup matches its
 * sidecar, the bootstrapper is the backup's version, and the new storage holds every blob of the
 * backup's tags. Writes {@code dtr-restore.json}, which makes {@code dtrOnlineGc(action:
 * 'onlinegc_blobs')} wait for a passing {@code dtrCheckTags}.
 */
public final class DtrRestoreStep extends BootstrapperStep {

    private String file = DtrBackupStep.DEFAULT_FILE;
    private String storage;
    private String checkStorage;
    private String tagSnapshot;
    private String destroy;
    private boolean skipDestinationCheck;
    private String record = RestoreRecord.DEFAULT_FILE;

    /** The {@code destroy} value for "DTR is already gone, destroy nothing" (the CLI's {@code --destroy none}). */
    static final String NO_REPLICAS = "none";

    @DataBoundConstructor
    public DtrRestoreStep() {
    }

    public String getFile() {
        return file;
    }

    /** The workspace-relative backup written by dtrBackup. */
    @DataBoundSetter
    public void setFile(String file) {
        this.file = emptyToNull(file) == null ? DtrBackupStep.DEFAULT_FILE : file.trim();
    }

    public String getStorage() {
        return storage;
    }

    /** The new storage: {@code volume:NAME}, {@code /host/path}, {@code nfs://host/dir}, {@code s3://…} or {@code azure://…}. */
    @DataBoundSetter
    public void setStorage(String storage) {
        this.storage = emptyToNull(storage);
    }

    public String getCheckStorage() {
        return checkStorage;
    }

    /** Where the agent reads the new storage to check it (default: {@code storage} when readable). */
    @DataBoundSetter
    public void setCheckStorage(String checkStorage) {
        this.checkStorage = emptyToNull(checkStorage);
    }

    public String getTagSnapshot() {
        return tagSnapshot;
    }

    /** The snapshot taken with the backup (default FILE.tags.json). */
    @DataBoundSetter
    public void setTagSnapshot(String tagSnapshot) {
        this.tagSnapshot = emptyToNull(tagSnapshot);
    }

    public String getDestroy() {
        return destroy;
    }

    /**
     * Replicas to destroy first, as the CLI's {@code --destroy} takes them: ids separated by commas or spaces; blank for
     * every replica DTR lists; {@code none} when DTR is already gone.
     */
    @DataBoundSetter
    public void setDestroy(String destroy) {
        this.destroy = emptyToNull(destroy);
    }

    /**
     * {@code destroy} as the restore takes it: null for every replica DTR lists, empty for {@code none}, else the ids.
     *
     * @throws IllegalArgumentException naming {@code destroy} for anything else
     */
    static List<String> replicasToDestroy(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.strip().equalsIgnoreCase(NO_REPLICAS)) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : text.strip().split("[,\\s]+")) {
            if (id.equalsIgnoreCase(NO_REPLICAS)) {
                throw new IllegalArgumentException("destroy: '" + NO_REPLICAS + "' cannot be combined with replica ids");
            }
            ids.add(BootstrapperCommand.checkReplicaId("destroy", id));
        }
        return List.copyOf(ids);
    }

    public boolean isSkipDestinationCheck() {
        return skipDestinationCheck;
    }

    /** Destroy DTR without proving the new storage holds the backup's blobs. */
    @DataBoundSetter
    public void setSkipDestinationCheck(boolean skipDestinationCheck) {
        this.skipDestinationCheck = skipDestinationCheck;
    }

    public String getRecord() {
        return record;
    }

    /** The workspace-relative restore record read by dtrOnlineGc. */
    @DataBoundSetter
    public void setRecord(String record) {
        this.record = emptyToNull(record) == null ? RestoreRecord.DEFAULT_FILE : record.trim();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new BootstrapperExecution<>(context, this, this::request, Restore::new);
    }

    /** What is decided on the controller; credentials for the storage are resolved on the agent. */
    record Request(BootstrapperImage image, String replicaId, List<String> destroy, StorageTarget target, String checkStorage,
                   boolean skipDestinationCheck, String file, String snapshot, String record) implements Serializable {
    }

    Request request() throws AbortException {
        String relative = WorkspaceFiles.checkRelative("file", file);
        String snapshot = WorkspaceFiles.checkRelative("tagSnapshot", tagSnapshot != null ? tagSnapshot : relative + ".tags.json");
        String recordFile = WorkspaceFiles.checkRelative("record", record);
        try {
            StorageTarget target = StorageTarget.parse(storage, "storage");
            if (checkStorage != null) {
                StorageLocation.parse(checkStorage, "checkStorage");
            }
            List<String> replicas = replicasToDestroy(destroy);
            return new Request(parsedImage(), BootstrapperExecution.requireReplica(this), replicas, target, checkStorage,
                    skipDestinationCheck, relative, snapshot, recordFile);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    static final class Restore extends BootstrapperCallable<Request> {
        private static final long serialVersionUID = 1L;

        Restore(Agent agent, Request request) {
            super(agent, request);
        }

        @Override
        Map<String, Object> run(DtrClient client, UcpConnection ucp, ProcessRunner runner, EventSink events, Path workspace)
                throws IOException, InterruptedException {
            RestoreProcedure.Options options = new RestoreProcedure.Options(request.image(), request.replicaId(), request.destroy(),
                    request.target(), targetCredentials(request.target()), readable(request.target(), request.checkStorage()),
                    request.skipDestinationCheck(), null);
            RestoreProcedure.Result r = new RestoreProcedure(client, ucp, runner, "docker", new StoreFactory(), events,
                    Clock.systemUTC()).run(options, workspace.resolve(request.file()), workspace.resolve(request.snapshot()),
                    workspace.resolve(request.record()));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("destroyed", new ArrayList<>(r.destroyed()));
            result.put("replicaId", r.replicaId());
            result.put("image", r.image().reference());
            result.put("storage", r.storage());
            result.put("keepMetadata", r.keepMetadata());
            result.put("destinationCheck", r.destinationCheck() == null ? "skipped" : r.destinationCheck().summary());
            result.put("record", request.record());
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
            return "dtrRestore";
        }

        @Override
        public String getDisplayName() {
            return "Destroy DTR/MSR and restore it from a checked backup onto new storage";
        }

        @POST
        public FormValidation doCheckFile(@QueryParameter String value) {
            return FormChecks.workspaceFile("file", value);
        }

        @POST
        public FormValidation doCheckStorage(@QueryParameter String value, @QueryParameter String checkStorage,
                @QueryParameter boolean skipDestinationCheck) {
            return FormChecks.storageTarget("storage", value, checkStorage, !skipDestinationCheck, true);
        }

        @POST
        public FormValidation doCheckCheckStorage(@QueryParameter String value) {
            return FormChecks.optionalLocation("checkStorage", value);
        }

        @POST
        public FormValidation doCheckTagSnapshot(@QueryParameter String value) {
            return FormChecks.workspaceFile("tagSnapshot", value);
        }

        @POST
        public FormValidation doCheckDestroy(@QueryParameter String value) {
            return FormChecks.check("destroy", value, DtrRestoreStep::replicasToDestroy);
        }

        @POST
        public FormValidation doCheckRecord(@QueryParameter String value) {
            return FormChecks.workspaceFile("record", value);
        }
    }
}
