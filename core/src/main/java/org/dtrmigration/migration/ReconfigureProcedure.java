package org.dtrmigration.migration;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import org.dtrmigration.bootstrapper.Bootstrapper;
import org.dtrmigration.bootstrapper.BootstrapperCommand;
import org.dtrmigration.bootstrapper.BootstrapperImage;
import org.dtrmigration.bootstrapper.BootstrapperRunner;
import org.dtrmigration.bootstrapper.ProcessRunner;
import org.dtrmigration.bootstrapper.StorageTarget;
import org.dtrmigration.bootstrapper.UcpConnection;
import org.dtrmigration.bootstrapper.VersionLine;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.layout.Digest;
import org.dtrmigration.registry.DtrClient;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.StorageCredentials;
import org.dtrmigration.storage.StoreFactory;

/**
 * Switches a running DTR to storage that already holds a copy of the data, keeping the tags: the
 * long-maintenance-window procedure. Volume and NFS targets run {@code reconfigure --storage-migrated};
 * cloud targets use the storage settings API with {@code keep_metadata}. Before anything changes:
 * the image is DTR's version, the version has the flag (2.6.4+; the API keep flag 2.6.6+), GC is
 * off, a fresh tag snapshot is written, and the destination is verified: on MSR 2.9 it must be an
 * exact copy of the source (or {@code reinitializeStorage} is chosen, which logs the tags it loses);
 * elsewhere it must hold every tag's blobs.
 */
public final class ReconfigureProcedure {

    static final int LOST_TAGS_LISTED = 200;

    /**
     * @param image               the bootstrapper, or null for DTR's own version
     * @param storageCredentials  credentials DTR gets for a cloud target, else {@code StorageCredentials.none()}
     * @param source              the current storage, readable from here (required on MSR 2.9 unless reinitializing)
     * @param destination         the new storage, readable from here, or null
     * @param force               go on with GC still enabled (a warning)
     */
    public record Options(BootstrapperImage image, String replicaId, StorageTarget storage, StorageCredentials storageCredentials,
                          boolean storageMigrated, boolean reinitializeStorage, StorageAccess source, StorageAccess destination,
                          boolean skipDestinationCheck, boolean force, Duration readOnlyTimeout) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Options {
            replicaId = BootstrapperCommand.checkReplicaId("replicaId", replicaId);
            Objects.requireNonNull(storage, "storage");
            storageCredentials = storageCredentials == null ? StorageCredentials.none() : storageCredentials;
            readOnlyTimeout = readOnlyTimeout == null ? Duration.ofMinutes(10) : readOnlyTimeout;
        }
    }

    public record Result(BootstrapperImage image, String storage, boolean storageMigrated, boolean reinitialized,
                         DestinationVerification.Verdict verdict, TagCheckReport destinationCheck, TagSnapshot snapshot,
                         List<String> lostTags, boolean readOnly) {
    }

    private final DtrClient client;
    private final UcpConnection ucp;
    private final ProcessRunner runner;
    private final String docker;
    private final StoreFactory stores;
    private final DestinationVerification verification;
    private final EventSink events;
    private final Clock clock;

    public ReconfigureProcedure(DtrClient client, UcpConnection ucp, ProcessRunner runner, String docker, StoreFactory stores,
                                DestinationVerification verification, EventSink events, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.ucp = Objects.requireNonNull(ucp, "ucp");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.docker = Objects.requireNonNull(docker, "docker");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.verification = Objects.requireNonNull(verification, "verification");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @param snapshotFile where the fresh tag snapshot goes (the tag check after the switch compares with it) */
    public Result run(Options options, Path snapshotFile) throws IOException, InterruptedException {
        Objects.requireNonNull(snapshotFile, "snapshotFile");
        Preconditions checks = new Preconditions(client, events);
        BootstrapperImage image = checks.requireImageMatches(options.image());
        VersionLine line = image.line();
        boolean cloud = options.storage() instanceof StorageTarget.Cloud;
        Bootstrapper bootstrapper = new Bootstrapper(image, ucp, docker);
        BootstrapperCommand.Reconfigure reconfigure = null;
        var driverConfig = cloud ? DtrStorageConfig.driverConfig(((StorageTarget.Cloud) options.storage()).location(),
                options.storageCredentials(), "storage") : null;
        if (cloud) {
            BootstrapperCommand.checkKeepsTags(line, options.storageMigrated(), options.reinitializeStorage());
            if (!options.reinitializeStorage() && !VersionLine.storageApiKeepsMetadata(image.version())) {
                throw new RefusedException("storage: switching to cloud storage keeps tags only through the storage API's"
                        + " keep_metadata, which needs DTR 2.6.6+ (this is " + image.versionText() + "); upgrade first, or move"
                        + " to a volume or NFS with reconfigure --storage-migrated");
            }
        } else {
            reconfigure = new BootstrapperCommand.Reconfigure(options.replicaId(), options.storage(), options.storageMigrated(),
                    options.reinitializeStorage());
            bootstrapper.render(reconfigure); // version and flag rules, before anything runs
        }
        checks.requireReplica(options.replicaId());
        checks.requireGcDisabled("reconfigure", options.force());
        boolean readOnly = checks.warnUnlessReadOnly("images pushed since the copy started are not in the new storage;"
                + " their tags will point at missing blobs after the switch");
        checks.warnAboutWritingCrons();
        TagSnapshot snapshot = TagSnapshot.take(client, events);
        snapshot.write(snapshotFile);
        events.info("Tag snapshot written to " + snapshotFile + "; check it after the switch (dtrCheckTags)");

        DestinationVerification.Verdict verdict = null;
        TagCheckReport destinationCheck = null;
        List<String> lost = List.of();
        if (options.reinitializeStorage()) {
            lost = allTags(snapshot);
            events.warn("reinitializeStorage: the new storage starts with an empty metadata store; these " + lost.size()
                    + " tag(s) will be LOST:" + list(lost));
        } else {
            if (line.storageSwitchNeedsExactCopy() && options.source() == null) {
                throw new RefusedException("source: required on " + line + ", which accepts new storage only when it holds an exact"
                        + " copy of the current one; give the current storage (readable from here) to verify it, or"
                        + " reinitializeStorage: true to start with no tags");
            }
            if (options.source() != null) {
                if (options.destination() == null) {
                    throw new RefusedException("checkStorage: the new storage " + options.storage().describe() + " cannot be read"
                            + " from here to compare it with the source; give its file:///, s3:// or azure:// location");
                }
                try (ObjectStore source = options.source().open(stores); ObjectStore destination = options.destination().open(stores)) {
                    verdict = verification.verify(source, destination, events);
                }
                if (!verdict.exactCopy()) {
                    throw new RefusedException("the new storage " + options.destination() + " is " + verdict.summary()
                            + ". Copy again (with deletes) until it is exact; nothing was changed");
                }
            } else if (options.destination() != null) {
                try (ObjectStore destination = options.destination().open(stores)) {
                    destinationCheck = new TagCheck(destination, options.destination().location().toUri(), events, clock)
                            .checkStorage(snapshot);
                }
                if (!destinationCheck.passed()) {
                    throw new RefusedException("the new storage " + options.destination() + " does not hold everything the tags"
                            + " need; copy (or finish copying) first. Nothing was changed." + destinationCheck.problems());
                }
            } else if (options.skipDestinationCheck()) {
                events.warn("skipDestinationCheck is set: the new storage was NOT checked before the switch");
            } else {
                throw new RefusedException("checkStorage: the new storage " + options.storage().describe() + " cannot be read from"
                        + " here to prove it holds the tags' blobs; give its file:///, s3:// or azure:// location, or"
                        + " skipDestinationCheck: true");
            }
        }

        if (cloud) {
            new StorageSwitch(client, events, options.readOnlyTimeout())
                    .switchTo(driverConfig, options.storage().describe(), !options.reinitializeStorage());
        } else {
            BootstrapperRunner run = new BootstrapperRunner(bootstrapper, runner, events);
            run.pull();
            run.run(reconfigure, null, null);
        }
        events.info("DTR at " + client.endpoint().url() + " now uses " + options.storage().describe()
                + (options.reinitializeStorage() ? " with a fresh metadata store" : "; next: dtrCheckTags against " + snapshotFile));
        return new Result(image, options.storage().describe(), options.storageMigrated(), options.reinitializeStorage(), verdict,
                destinationCheck, snapshot, lost, readOnly);
    }

    private static List<String> allTags(TagSnapshot snapshot) {
        List<String> tags = new ArrayList<>();
        for (Map.Entry<String, SortedMap<String, Digest>> repo : snapshot.repositories().entrySet()) {
            repo.getValue().forEach((tag, digest) -> tags.add(repo.getKey() + ":" + tag + " (" + digest + ")"));
        }
        return tags;
    }

    private static String list(List<String> tags) {
        StringBuilder b = new StringBuilder();
        tags.stream().limit(LOST_TAGS_LISTED).forEach(t -> b.append("\n  ").append(t));
        if (tags.size() > LOST_TAGS_LISTED) {
            b.append("\n  … and ").append(tags.size() - LOST_TAGS_LISTED).append(" more (all are in the tag snapshot file)");
        }
        return b.toString();
    }
}
