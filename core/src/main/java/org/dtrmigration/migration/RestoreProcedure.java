package org.dtrmigration.migration;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dtrmigration.bootstrapper.BackupArchive;
import org.dtrmigration.bootstrapper.BackupManifest;
import org.dtrmigration.bootstrapper.Bootstrapper;
import org.dtrmigration.bootstrapper.BootstrapperCommand;
import org.dtrmigration.bootstrapper.BootstrapperImage;
import org.dtrmigration.bootstrapper.BootstrapperRunner;
import org.dtrmigration.bootstrapper.InvalidBackupException;
import org.dtrmigration.bootstrapper.ProcessRunner;
import org.dtrmigration.bootstrapper.StorageTarget;
import org.dtrmigration.bootstrapper.UcpConnection;
import org.dtrmigration.bootstrapper.VersionLine;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.registry.DtrClient;
import org.dtrmigration.registry.DtrException;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.StorageCredentials;
import org.dtrmigration.storage.StoreFactory;

/**
 * Restores DTR from a checked backup onto new storage: {@code destroy} every replica, then
 * {@code restore} with the storage flag (cloud: {@code --dtr-use-default-storage}, then the storage
 * settings API with {@code keep_metadata}). Everything that can be checked is checked before the
 * first {@code destroy}, because after it there is no DTR to go back to: the archive still matches
 * its sidecar, the bootstrapper is the version that made it, the version can restore onto that
 * storage, the new storage holds every blob the backup's tags need, and the image can be pulled.
 */
public final class RestoreProcedure {

    /**
     * What to restore onto where.
     *
     * @param image                the bootstrapper, or null for the one that made the backup
     * @param destroy              replicas to destroy first, or null for every replica DTR lists
     * @param storageCredentials   credentials DTR gets for a cloud target, else {@code StorageCredentials.none()}
     * @param check                where this machine reads the new storage, or null
     * @param skipDestinationCheck go on without checking the new storage (a loud warning)
     */
    public record Options(BootstrapperImage image, String replicaId, List<String> destroy, StorageTarget storage,
                          StorageCredentials storageCredentials, StorageAccess check, boolean skipDestinationCheck,
                          Duration readOnlyTimeout) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Options {
            replicaId = BootstrapperCommand.checkReplicaId("replicaId", replicaId);
            if (destroy != null) {
                List<String> ids = new ArrayList<>();
                destroy.forEach(id -> ids.add(BootstrapperCommand.checkReplicaId("destroy", id)));
                destroy = List.copyOf(ids);
            }
            Objects.requireNonNull(storage, "storage");
            storageCredentials = storageCredentials == null ? StorageCredentials.none() : storageCredentials;
            readOnlyTimeout = readOnlyTimeout == null ? Duration.ofMinutes(10) : readOnlyTimeout;
        }
    }

    public record Result(List<String> destroyed, String replicaId, BootstrapperImage image, String storage, boolean keepMetadata,
                         TagCheckReport destinationCheck, RestoreRecord record) {
    }

    private final DtrClient client;
    private final UcpConnection ucp;
    private final ProcessRunner runner;
    private final String docker;
    private final StoreFactory stores;
    private final EventSink events;
    private final Clock clock;

    public RestoreProcedure(DtrClient client, UcpConnection ucp, ProcessRunner runner, String docker, StoreFactory stores,
                            EventSink events, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.ucp = Objects.requireNonNull(ucp, "ucp");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.docker = Objects.requireNonNull(docker, "docker");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param backup       the archive written by {@link BackupProcedure} (its sidecar next to it)
     * @param snapshotFile the tag snapshot taken with the backup, or null (only with skipDestinationCheck)
     * @param recordFile   where the restore record goes
     */
    public Result run(Options options, Path backup, Path snapshotFile, Path recordFile) throws IOException, InterruptedException {
        // 1. The archive: still what was checked when it was made.
        BackupManifest manifest = BackupManifest.readFor(backup);
        BackupArchive.Summary summary = BackupArchive.inspect(backup, manifest.dtrVersion());
        if (summary.size() != manifest.size() || !summary.sha256().equals(manifest.sha256())) {
            throw new InvalidBackupException(backup + " does not match its sidecar (size " + summary.size() + " vs " + manifest.size()
                    + ", sha256 " + summary.sha256() + " vs " + manifest.sha256() + "): the backup changed or is corrupt; nothing"
                    + " was destroyed");
        }
        events.info("Backup " + backup.getFileName() + " matches its sidecar: " + manifest.dtrVersion() + " from "
                + manifest.dtrUrl() + " at " + manifest.createdAt() + ", sha256 " + manifest.sha256());
        if (manifest.dtrUrl() != null && !manifest.dtrUrl().equals(client.endpoint().url().toString())) {
            events.warn("The backup was taken from " + manifest.dtrUrl() + ", restoring at " + client.endpoint().url()
                    + "; a restore must happen on the same UCP/MKE cluster");
        }
        // 2. The bootstrapper: the version that made the backup.
        BootstrapperImage image = options.image() != null ? options.image() : BootstrapperImage.parse(manifest.image(), "image");
        if (!image.versionText().equals(manifest.dtrVersion())) {
            throw new RefusedException("image: " + image + " cannot restore a backup made by " + manifest.dtrVersion()
                    + "; a restore must use the bootstrapper version of the backup (" + manifest.image() + "). Nothing was destroyed");
        }
        VersionLine line = image.line();
        BootstrapperCommand.Restore restore = new BootstrapperCommand.Restore(options.replicaId(), options.storage());
        Bootstrapper bootstrapper = new Bootstrapper(image, ucp, docker);
        bootstrapper.render(restore); // storage flag rules, before anything runs
        boolean cloud = options.storage() instanceof StorageTarget.Cloud;
        var driverConfig = cloud ? DtrStorageConfig.driverConfig(((StorageTarget.Cloud) options.storage()).location(),
                options.storageCredentials(), "storage") : null;
        if (cloud && !VersionLine.storageApiKeepsMetadata(image.version())) {
            throw new RefusedException("storage: " + line + " " + image.versionText() + " cannot switch to cloud storage and keep"
                    + " tags (the storage API's keep_metadata needs DTR 2.6.6+); restore onto a volume or NFS, or upgrade first");
        }
        // 3. The new storage: holds everything the backup's tags need.
        TagCheckReport destination = checkDestination(options, snapshotFile, manifest);
        // 4. Which replicas go, and whether the image is there to bring DTR back.
        List<String> destroy = options.destroy() != null ? options.destroy() : listReplicas();
        if (options.storage() instanceof StorageTarget.Volume volume) {
            Optional<String> owner = volume.localVolumeOf(destroy);
            if (owner.isPresent()) {
                throw new RefusedException("storage: " + options.storage().describe() + " is replica " + owner.get() + "'s own volume,"
                        + " which destroy removes with the replica before the restore; copy the storage to another volume, NFS or"
                        + " cloud storage (dtrCopyStorage) and restore onto that. Nothing was destroyed");
            }
        }
        BootstrapperRunner run = new BootstrapperRunner(bootstrapper, runner, events);
        run.pull();
        // From here on DTR is being replaced.
        events.info("Destroying " + destroy.size() + " replica(s) " + destroy + " (their containers and local volumes)");
        List<String> destroyed = new ArrayList<>();
        for (String replica : destroy) {
            run.run(new BootstrapperCommand.Destroy(replica), null, null);
            destroyed.add(replica);
        }
        events.info("Restoring replica " + options.replicaId() + " from " + backup.getFileName() + " onto "
                + (cloud ? "the default storage, to be switched to " : "") + options.storage().describe());
        run.run(restore, backup, null);
        if (cloud) {
            new StorageSwitch(client, events, options.readOnlyTimeout()).switchTo(driverConfig, options.storage().describe(), true);
        }
        List<String> gcCrons = client.crons().stream().filter(org.dtrmigration.registry.Cron::isGarbageCollection)
                .map(c -> c.action() + " (" + c.schedule() + ")").toList();
        if (!gcCrons.isEmpty()) {
            events.warn("The restored DTR has GC crons from the backup: " + gcCrons + ". If one fires before the tag check passed,"
                    + " it deletes the blobs of any tag the backup does not know; disable GC (dtrDisableGc) until then");
        }
        RestoreRecord record = new RestoreRecord(client.endpoint().url().toString(), clock.instant(), backup.getFileName().toString(),
                manifest.sha256(), image.reference(), options.storage().describe());
        record.write(recordFile);
        events.info("Restore done; record written to " + recordFile + ". Next: check the tags (dtrCheckTags), then run"
                + " onlinegc_blobs to delete the blobs the backup does not reference");
        return new Result(destroyed, options.replicaId(), image, options.storage().describe(), cloud, destination, record);
    }

    private TagCheckReport checkDestination(Options options, Path snapshotFile, BackupManifest manifest)
            throws IOException, RefusedException {
        if (options.skipDestinationCheck()) {
            events.warn("skipDestinationCheck is set: the new storage was NOT checked for the backup's blobs before destroying"
                    + " DTR; tags whose blobs are missing will not pull after the restore");
            return null;
        }
        if (options.check() == null) {
            throw new RefusedException("storage: " + options.storage().describe() + " cannot be read from here to prove it holds the"
                    + " backup's blobs; pass checkStorage (a file:///, s3:// or azure:// location of the same data), or"
                    + " skipDestinationCheck: true to destroy DTR without that proof");
        }
        if (snapshotFile == null) {
            throw new RefusedException("tagSnapshot: required to check the new storage before DTR is destroyed (dtrBackup writes"
                    + " it next to the backup)");
        }
        TagSnapshot snapshot = TagSnapshot.read(snapshotFile);
        if (snapshot.takenAt().isAfter(manifest.createdAt())) {
            events.warn("The tag snapshot " + snapshotFile.getFileName() + " (" + snapshot.takenAt() + ") is newer than the backup ("
                    + manifest.createdAt() + "); tags it lists may not be in the backup");
        }
        TagCheckReport report;
        try (ObjectStore store = options.check().open(stores)) {
            report = new TagCheck(store, options.check().location().toUri(), events, clock).checkStorage(snapshot);
        }
        if (!report.passed()) {
            throw new RefusedException("the new storage " + options.check() + " does not hold everything the backup's tags need; "
                    + "copy (or finish copying) the storage first. Nothing was destroyed." + report.problems());
        }
        return report;
    }

    private List<String> listReplicas() throws RefusedException {
        try {
            List<String> replicas = new ArrayList<>(client.clusterStatus().replicaReadOnly().keySet());
            if (replicas.isEmpty()) {
                throw new RefusedException("destroy: DTR lists no replicas; name the replicas to destroy");
            }
            return replicas;
        } catch (DtrException e) {
            throw new RefusedException("destroy: cannot list DTR's replicas (" + e.getMessage() + "); if DTR is already destroyed,"
                    + " pass destroy: 'none' (--destroy none), else name the replicas");
        }
    }
}
