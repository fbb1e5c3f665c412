package org.dtrmigration.migration;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Objects;
import org.dtrmigration.bootstrapper.BackupArchive;
import org.dtrmigration.bootstrapper.BackupManifest;
import org.dtrmigration.bootstrapper.Bootstrapper;
import org.dtrmigration.bootstrapper.BootstrapperCommand;
import org.dtrmigration.bootstrapper.BootstrapperImage;
import org.dtrmigration.bootstrapper.BootstrapperRunner;
import org.dtrmigration.bootstrapper.InvalidBackupException;
import org.dtrmigration.bootstrapper.ProcessRunner;
import org.dtrmigration.bootstrapper.UcpConnection;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.registry.DtrClient;

/**
 * A checked metadata backup: guards (image is DTR's version, GC off, warn unless read-only, replica
 * exists), a tag snapshot, then {@code docker run … backup > FILE} streamed into a temporary file
 * next to FILE, checked (non-empty, a complete tar under {@code dtr-backup-v<version>/}), given a
 * JSON sidecar with its SHA-256, and only then renamed to FILE. A failed or truncated backup leaves
 * nothing that looks like a backup.
 */
public final class BackupProcedure {

    /** What to back up; plain values that may travel to an agent. */
    public record Options(BootstrapperImage image, String replicaId, boolean offline, boolean force) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Options {
            replicaId = BootstrapperCommand.checkReplicaId("replicaId", replicaId);
        }
    }

    public record Result(Path file, Path sidecar, BackupManifest manifest, TagSnapshot snapshot, boolean readOnly) {
    }

    private final DtrClient client;
    private final UcpConnection ucp;
    private final ProcessRunner runner;
    private final String docker;
    private final EventSink events;
    private final Clock clock;

    public BackupProcedure(DtrClient client, UcpConnection ucp, ProcessRunner runner, String docker, EventSink events, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.ucp = Objects.requireNonNull(ucp, "ucp");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.docker = Objects.requireNonNull(docker, "docker");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param file         where the backup goes
     * @param snapshotFile where the tag snapshot goes, or null for none
     */
    public Result run(Options options, Path file, Path snapshotFile) throws IOException, InterruptedException {
        Preconditions checks = new Preconditions(client, events);
        BootstrapperImage image = checks.requireImageMatches(options.image());
        BootstrapperCommand.Backup command = new BootstrapperCommand.Backup(options.replicaId(), options.offline());
        Bootstrapper bootstrapper = new Bootstrapper(image, ucp, docker);
        bootstrapper.render(command); // refuses flags the version lacks before anything else happens
        checks.requireReplica(options.replicaId());
        checks.requireGcDisabled("backup", options.force());
        boolean readOnly = checks.warnUnlessReadOnly("images pushed after this backup are not in it, and onlinegc_blobs"
                + " after the restore deletes their blobs");
        checks.warnAboutWritingCrons();
        TagSnapshot snapshot = null;
        if (snapshotFile != null) {
            snapshot = TagSnapshot.take(client, events);
            snapshot.write(snapshotFile);
            events.info("Tag snapshot written to " + snapshotFile);
        }
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".partial");
        Path sidecarTemp = null;
        try {
            try (BackupProgress progress = new BackupProgress(partial, events)) {
                new BootstrapperRunner(bootstrapper, runner, events).run(command, null, partial);
            }
            BackupArchive.Summary summary;
            try {
                summary = BackupArchive.inspect(partial, image.versionText());
            } catch (InvalidBackupException e) {
                throw new InvalidBackupException("the backup is not usable and was deleted: "
                        + e.getMessage().replace(partial.toString(), "the output"), e);
            }
            BackupManifest manifest = new BackupManifest(target.getFileName().toString(), summary.size(), summary.sha256(),
                    client.endpoint().url().toString(), image.versionText(), image.reference(), options.replicaId(),
                    clock.instant(), options.offline(), readOnly, summary.entries());
            sidecarTemp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".json.partial");
            Files.writeString(sidecarTemp, manifest.toJson());
            Path sidecar = BackupManifest.sidecarOf(target);
            // An old sidecar must never describe the new archive: remove it before the archive moves.
            Files.deleteIfExists(sidecar);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(sidecarTemp, sidecar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            events.info("Backup " + target + " checked: " + summary.entries() + " entries, " + summary.size() + " bytes, sha256 "
                    + summary.sha256() + "; sidecar " + sidecar.getFileName());
            return new Result(target, sidecar, manifest, snapshot, readOnly);
        } finally {
            Files.deleteIfExists(partial);
            if (sidecarTemp != null) {
                Files.deleteIfExists(sidecarTemp);
            }
        }
    }

    /** Reports how much of the backup is written, every {@value #PROGRESS_SECONDS} s, while the bootstrapper runs. */
    private static final class BackupProgress implements AutoCloseable {
        private final java.util.concurrent.ScheduledExecutorService timer;

        BackupProgress(Path file, EventSink events) {
            timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "backup-progress");
                t.setDaemon(true);
                return t;
            });
            long start = System.nanoTime();
            timer.scheduleAtFixedRate(() -> {
                try {
                    long bytes = Files.size(file);
                    long seconds = Math.max(1, (System.nanoTime() - start) / 1_000_000_000L);
                    events.progress("Backup: " + bytes + " bytes written in " + seconds + " s (" + bytes / seconds + " bytes/s)");
                } catch (IOException e) {
                    // the file is renamed or gone: the backup is over
                }
            }, PROGRESS_SECONDS, PROGRESS_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    static final int PROGRESS_SECONDS = 15;
}
