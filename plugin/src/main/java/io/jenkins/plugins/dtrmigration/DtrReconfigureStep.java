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
import org.dtrmigration.bootstrapper.StorageTarget;
import org.dtrmigration.bootstrapper.UcpConnection;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.migration.CopierVerification;
import org.dtrmigration.copy.VerifyOptions;
import org.dtrmigration.migration.ReconfigureProcedure;
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
 * {@code dtrReconfigure(…, storageMigrated: true, storage: '/mnt/new')}: switches a running DTR to
 * storage that already holds a copy, keeping the tags ({@code reconfigure --storage-migrated}; cloud
 * storage through the storage settings API with {@code keep_metadata}). Refused on DTR 2.5 and
 * 2.6.0–2.6.3; on MSR 2.9 the new storage must first prove an exact copy of {@code source}.
 * {@code reinitializeStorage: true} (MSR 2.9) is the explicit choice to start with no tags, and
 * lists the tags it loses.
 */
public final class DtrReconfigureStep extends BootstrapperStep {

    static final String DEFAULT_SNAPSHOT = "dtr-tags.json";

    private String storage;
    private boolean storageMigrated;
    private boolean reinitializeStorage;
    private String source;
    private String checkStorage;
    private boolean skipDestinationCheck;
    private boolean force;
    private String tagSnapshot = DEFAULT_SNAPSHOT;

    @DataBoundConstructor
    public DtrReconfigureStep() {
    }

    public String getStorage() {
        return storage;
    }

    /** The new storage: {@code volume:NAME}, {@code /host/path}, {@code nfs://host/dir}, {@code s3://…} or {@code azure://…}. */
    @DataBoundSetter
    public void setStorage(String storage) {
        this.storage = emptyToNull(storage);
    }

    public boolean isStorageMigrated() {
        return storageMigrated;
    }

    /** The data was copied to the new storage: keep the tags ({@code --storage-migrated}). */
    @DataBoundSetter
    public void setStorageMigrated(boolean storageMigrated) {
        this.storageMigrated = storageMigrated;
    }

    public boolean isReinitializeStorage() {
        return reinitializeStorage;
    }

    /** MSR 2.9: start with an empty metadata store. Every tag is lost; the log lists them. */
    @DataBoundSetter
    public void setReinitializeStorage(boolean reinitializeStorage) {
        this.reinitializeStorage = reinitializeStorage;
    }

    public String getSource() {
        return source;
    }

    /** The current storage as the agent reads it (required on MSR 2.9 to prove the exact copy). */
    @DataBoundSetter
    public void setSource(String source) {
        this.source = emptyToNull(source);
    }

    public String getCheckStorage() {
        return checkStorage;
    }

    /** Where the agent reads the new storage (default: {@code storage} when readable). */
    @DataBoundSetter
    public void setCheckStorage(String checkStorage) {
        this.checkStorage = emptyToNull(checkStorage);
    }

    public boolean isSkipDestinationCheck() {
        return skipDestinationCheck;
    }

    /** Switch without proving the new storage holds the tags' blobs. */
    @DataBoundSetter
    public void setSkipDestinationCheck(boolean skipDestinationCheck) {
        this.skipDestinationCheck = skipDestinationCheck;
    }

    public boolean isForce() {
        return force;
    }

    /** Switch even though GC crons are scheduled. */
    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    public String getTagSnapshot() {
        return tagSnapshot;
    }

    /** Workspace-relative file for the tag snapshot taken just before the switch. */
    @DataBoundSetter
    public void setTagSnapshot(String tagSnapshot) {
        this.tagSnapshot = emptyToNull(tagSnapshot) == null ? DEFAULT_SNAPSHOT : tagSnapshot.trim();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new BootstrapperExecution<>(context, this, this::request, Reconfigure::new);
    }

    record Request(BootstrapperImage image, String replicaId, StorageTarget target, boolean storageMigrated,
                   boolean reinitializeStorage, String source, String checkStorage, boolean skipDestinationCheck, boolean force,
                   String snapshot) implements Serializable {
    }

    Request request() throws AbortException {
        String snapshot = WorkspaceFiles.checkRelative("tagSnapshot", tagSnapshot);
        if (!storageMigrated && !reinitializeStorage) {
            throw new AbortException("storageMigrated: required (true) once the storage was copied; a storage switch without"
                    + " it wipes every tag. Or reinitializeStorage: true (MSR 2.9) to start with no tags on purpose");
        }
        try {
            StorageTarget target = StorageTarget.parse(storage, "storage");
            if (source != null) {
                StorageLocation.parse(source, "source");
            }
            if (checkStorage != null) {
                StorageLocation.parse(checkStorage, "checkStorage");
            }
            return new Request(parsedImage(), BootstrapperExecution.requireReplica(this), target, storageMigrated, reinitializeStorage,
                    source, checkStorage, skipDestinationCheck, force, snapshot);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    static final class Reconfigure extends BootstrapperCallable<Request> {
        private static final long serialVersionUID = 1L;

        Reconfigure(Agent agent, Request request) {
            super(agent, request);
        }

        @Override
        Map<String, Object> run(DtrClient client, UcpConnection ucp, ProcessRunner runner, EventSink events, Path workspace)
                throws IOException, InterruptedException {
            ReconfigureProcedure.Options options = new ReconfigureProcedure.Options(request.image(), request.replicaId(),
                    request.target(), targetCredentials(request.target()), request.storageMigrated(), request.reinitializeStorage(),
                    access(request.source(), "source"), readable(request.target(), request.checkStorage()),
                    request.skipDestinationCheck(), request.force(), null);
            ReconfigureProcedure.Result r = new ReconfigureProcedure(client, ucp, runner, "docker", new StoreFactory(),
                    new CopierVerification(VerifyOptions.defaults()), events, Clock.systemUTC()).run(options, workspace.resolve(request.snapshot()));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("image", r.image().reference());
            result.put("storage", r.storage());
            result.put("storageMigrated", r.storageMigrated());
            result.put("reinitialized", r.reinitialized());
            result.put("exactCopy", r.verdict() == null ? null : r.verdict().exactCopy());
            result.put("destinationCheck", r.destinationCheck() == null ? null : r.destinationCheck().summary());
            result.put("tagSnapshot", request.snapshot());
            result.put("tags", r.snapshot().tagCount());
            result.put("lostTags", r.lostTags().size());
            result.put("readOnly", r.readOnly());
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
            return "dtrReconfigure";
        }

        @Override
        public String getDisplayName() {
            return "Switch DTR/MSR to storage holding a copy of the data, keeping the tags";
        }

        @POST
        public FormValidation doCheckStorage(@QueryParameter String value, @QueryParameter String checkStorage,
                @QueryParameter String source, @QueryParameter boolean reinitializeStorage,
                @QueryParameter boolean skipDestinationCheck) {
            // With source, the exact-copy proof needs the new storage whatever skipDestinationCheck says.
            boolean withSource = !FormChecks.isBlank(source);
            return FormChecks.storageTarget("storage", value, checkStorage,
                    !reinitializeStorage && (withSource || !skipDestinationCheck), !withSource);
        }

        @POST
        public FormValidation doCheckSource(@QueryParameter String value) {
            return FormChecks.optionalLocation("source", value);
        }

        @POST
        public FormValidation doCheckCheckStorage(@QueryParameter String value) {
            return FormChecks.optionalLocation("checkStorage", value);
        }

        @POST
        public FormValidation doCheckTagSnapshot(@QueryParameter String value) {
            return FormChecks.workspaceFile("tagSnapshot", value);
        }
    }
}
