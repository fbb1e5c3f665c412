package org.dtrmigration.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.simulator.BootstrapperEmulator;
import org.dtrmigration.simulator.Product;
import org.dtrmigration.simulator.storage.StorageMode;
import org.dtrmigration.storage.FilesystemStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each guard stops the failure it exists for, before anything changes; no secret in any output or argument list. */
class BootstrapperGuardsTest {

    @TempDir
    Path dir;
    BootstrapperFixture f;

    @AfterEach
    void tearDown() throws Exception {
        if (f != null) {
            f.assertNoSecretLeaked();
            f.close();
        }
    }

    BootstrapperFixture start(Product product, String version) throws IOException {
        f = new BootstrapperFixture(dir, product, version);
        return f;
    }

    Path backups() throws IOException {
        return Files.createDirectories(dir.resolve("backups"));
    }

    List<String> filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A checked backup of the fixture's DTR, GC disabled first. */
    Path backup() throws IOException {
        assertThat(f.run("gc", "disable", "--save", dir.resolve("gc.json").toString())).isZero();
        Path out = backups().resolve("dtr.tar");
        assertThat(f.runBootstrapper("backup", "--out", out.toString())).as(f.output()).isZero();
        return out;
    }

    @Test
    void gcStillEnabledStopsTheBackupUnlessForced() throws Exception {
        start(Product.DTR, "2.7.5");
        Path out = backups().resolve("dtr.tar");
        assertThat(f.runBootstrapper("backup", "--out", out.toString())).isEqualTo(Main.FAILED);
        assertThat(f.err.toString()).contains("backup refused: garbage collection is still on", "onlinegc (0 0 1 * * 6)",
                "dtrDisableGc / 'dtr-migrate gc disable'");
        assertThat(filesIn(backups())).isEmpty();
        assertThat(f.dockerLog()).isEmpty();

        assertThat(f.runBootstrapper("backup", "--out", out.toString(), "--force")).as(f.output()).isZero();
        assertThat(f.err.toString()).contains("WARNING: garbage collection is still on", "going on because force is set");
        assertThat(filesIn(backups())).containsExactly("dtr.tar", "dtr.tar.json", "dtr.tar.tags.json");

        // The forced backup carries the GC cron into the restored DTR: the restore says so.
        Path copy = Files.createDirectories(dir.resolve("copy"));
        BootstrapperFixture.copy(f.source, new FilesystemStore(copy));
        assertThat(f.runBootstrapper("restore", "--from", out.toString(), "--storage", copy.toString(),
                "--record", dir.resolve("r.json").toString())).as(f.output()).isZero();
        assertThat(f.err.toString()).contains("WARNING: The restored DTR has GC crons from the backup: [onlinegc (0 0 1 * * 6)]");
    }

    @Test
    void mirroringAndPruningCronsAreNamedWhenTheWindowOpens() throws Exception {
        start(Product.DTR, "2.7.5");
        assertThat(f.run("gc", "disable", "--save", dir.resolve("gc.json").toString())).isZero();
        assertThat(f.runBootstrapper("backup", "--out", backups().resolve("a.tar").toString())).as(f.output()).isZero();
        assertThat(f.err.toString()).contains("WARNING: DTR runs crons that change the registry on their own: [poll_mirror (0 */15 * * * *)]",
                "Pause the repositories' mirroring and pruning policies");
        // Only those: the GC cron is gone, and with no mirroring or pruning cron there is nothing to say.
        f.sim.crons().delete("poll_mirror");
        f.err.getBuffer().setLength(0);
        assertThat(f.runBootstrapper("backup", "--out", backups().resolve("b.tar").toString())).as(f.output()).isZero();
        assertThat(f.err.toString()).doesNotContain("change the registry on their own");
    }

    @Test
    void aBackupWithoutReadOnlyWarnsWhatItCosts() throws Exception {
        start(Product.DTR, "2.7.5");
        backup();
        assertThat(f.err.toString()).contains("WARNING: Read-only mode is off", "images pushed after this backup are not in it,"
                + " and onlinegc_blobs after the restore deletes their blobs");
        assertThat(Files.readString(backups().resolve("dtr.tar.json"))).contains("\"readOnly\" : false", "\"image\" : \"docker/dtr:2.7.5\"",
                "\"replicaId\" : \"" + BootstrapperFixture.REPLICA + "\"", "\"dtrVersion\" : \"2.7.5\"");
    }

    @Test
    void aTruncatedOrFailedBackupLeavesNothingThatLooksLikeABackup() throws Exception {
        start(Product.DTR, "2.7.5");
        assertThat(f.run("gc", "disable", "--save", dir.resolve("gc.json").toString())).isZero();
        Path out = backups().resolve("dtr.tar");
        f.sim.bootstrapper().failNextBackup(BootstrapperEmulator.BackupFault.TRUNCATED);
        assertThat(f.runBootstrapper("backup", "--out", out.toString())).isEqualTo(Main.FAILED);
        assertThat(f.err.toString()).contains("the backup is not usable and was deleted", "truncated");
        assertThat(filesIn(backups())).containsExactly("dtr.tar.tags.json");
        f.sim.bootstrapper().failNextBackup(BootstrapperEmulator.BackupFault.FAILED);
        assertThat(f.runBootstrapper("backup", "--out", out.toString())).isEqualTo(Main.FAILED);
        assertThat(f.err.toString()).contains("docker/dtr:2.7.5 backup failed with exit code 1", "rethinkdb dump failed");
        assertThat(filesIn(backups())).containsExactly("dtr.tar.tags.json");
    }

    @Test
    void aCorruptBackupIsNotRestoredAndNothingIsDestroyed() throws Exception {
        start(Product.DTR, "2.7.5");
        Path backup = backup();
        Path copy = Files.createDirectories(dir.resolve("copy"));
        BootstrapperFixture.copy(f.source, new FilesystemStore(copy));
        byte[] bytes = Files.readAllBytes(backup);
        bytes[600] ^= 0x20; // inside the first entry's content: still a tar, no longer the backup that was checked
        Files.write(backup, bytes);
        assertThat(f.runBootstrapper("restore", "--from", backup.toString(), "--storage", copy.toString(),
                "--record", dir.resolve("r.json").toString())).isEqualTo(Main.FAILED);
        assertThat(f.err.toString()).contains("does not match its sidecar", "nothing was destroyed");
        assertThat(f.sim.installed()).isTrue();
        assertThat(f.dockerLog()).doesNotContain("\"destroy\"", "\"restore\"");
        Files.delete(backup.resolveSibling("dtr.tar.json"));
        assertThat(f.runBootstrapper("restore", "--from", backup.toString(), "--storage", copy.toString())).isEqualTo(Main.FAILED);
        assertThat(f.err.toString()).contains("has no sidecar dtr.tar.json");
    }

    @Test
    void theWrongBootstrapperVersionIsRefused() throws Exception {
        start(Product.DTR, "2.7.5");
        Path backup = backup();
        Path copy = Files.createDirectories(dir.resolve("copy"));
        BootstrapperFixture.copy(f.source, new FilesystemStore(copy));
        assertThat(f.runBootstrapper("restore", "--from", backup.toString(), "--storage", copy.toString(),
                "--image", "docker/dtr:2.7.4")).isEqualTo(Main.FAILED);
        assertThat(f.err.toString()).contains("--image: docker/dtr:2.7.4 cannot restore a backup made by 2.7.5",
                "Nothing was destroyed");
        assertThat(f.sim.installed()).isTrue();
        assertThat(f.runBootstrapper("backup", "--out", backups().resolve("b2.tar").toString(), "--image", "docker/dtr:2.7.6"))
                .isEqualTo(Main.FAILED);
        assertThat(f.err.toString()).contains("--image: docker/dtr:2.7.6 does not match DTR 2.7.5");
        assertThat(f.dockerLog()).doesNotContain("\"destroy\"", "2.7.4", "2.7.6");
    }

    @Test
    void aDestinationWithoutTheBlobsIsRefusedBeforeDestroy() throws Exception {
        start(Product.DTR, "2.7.5");
        Path backup = backup();
        Path copy = Files.createDirectories(dir.resolve("copy"));
        FilesystemStore target = new FilesystemStore(copy);
        BootstrapperFixture.copy(f.source, target);
        target.delete(RegistryLayout.blobData(f.tags.get("team/lib:1.0")));
        assertThat(f.runBootstrapper("restore", "--from", backup.toString(), "--storage", copy.toString())).isEqualTo(Main.FAILED);
        assertThat(f.err.toString()).contains("does not hold everything the backup's tags need", "Nothing was destroyed",
                "team/lib:1.0 manifest " + f.tags.get("team/lib:1.0"));
        assertThat(f.sim.installed()).isTrue();
        assertThat(f.runBootstrapper("restore", "--from", backup.toString(), "--storage", "volume:dtr-new")).isEqualTo(Main.FAILED);
        assertThat(f.err.toString()).contains("--storage: volume dtr-new cannot be read from here");
        assertThat(f.dockerLog()).doesNotContain("\"destroy\"");
    }

    @Test
    void aReplicasOwnVolumeIsRefusedAsTheNewStorageBecauseDestroyRemovesIt() throws Exception {
        start(Product.DTR, "2.7.5");
        Path backup = backup();
        // The data is all there, so the blob check passes: only the guard stands between it and destroy.
        Path own = Files.createDirectories(dir.resolve("volumes/dtr-registry-" + BootstrapperFixture.REPLICA + "/_data"));
        BootstrapperFixture.copy(f.source, new FilesystemStore(own));
        assertThat(f.runBootstrapper("restore", "--from", backup.toString(), "--storage", own.toString())).isEqualTo(Main.FAILED);
        assertThat(f.err.toString()).contains("--storage: volume " + own + " is replica " + BootstrapperFixture.REPLICA
                + "'s own volume, which destroy removes", "Nothing was destroyed");
        assertThat(f.runBootstrapper("restore", "--from", backup.toString(), "--storage", "volume:dtr-registry-" + BootstrapperFixture.REPLICA,
                "--check-storage", own.toUri().toString())).isEqualTo(Main.FAILED);
        assertThat(f.err.toString()).contains("--storage: volume dtr-registry-" + BootstrapperFixture.REPLICA + " is replica");
        assertThat(f.sim.installed()).isTrue();
        assertThat(f.dockerLog()).doesNotContain("\"destroy\"", "\"restore\"");
        assertThat(Files.exists(own.resolve("docker/registry/v2"))).isTrue();
    }

    @Test
    void storageMigratedDoesNotExistBefore264() throws Exception {
        for (String version : List.of("2.6.3", "2.5.11")) {
            start(Product.DTR, version);
            Path volume = Files.createDirectories(dir.resolve("v-" + version));
            BootstrapperFixture.copy(f.source, new FilesystemStore(volume));
            assertThat(f.runBootstrapper("reconfigure", "--storage-migrated", "--storage", volume.toString(), "--force",
                    "--tag-snapshot", dir.resolve("tags.json").toString()))
                    .isEqualTo(Main.USAGE);
            assertThat(f.err.toString()).contains("--storage-migrated: DTR 2.", "has no --storage-migrated (added in DTR 2.6.4)",
                    "Upgrade to DTR 2.6.4 or later first");
            f.assertTagsSurvived();
            assertThat(f.dockerLog()).isEmpty();
            f.assertNoSecretLeaked();
            f.close();
            f = null;
            dir = Files.createDirectories(dir.resolve("next"));
        }
    }

    @Test
    void aReconfigureWithoutStorageMigratedIsRefusedBecauseItWouldWipeTheTags() throws Exception {
        start(Product.DTR, "2.7.5");
        assertThat(f.run("gc", "disable", "--save", dir.resolve("gc.json").toString())).isZero();
        Path volume = Files.createDirectories(dir.resolve("new"));
        BootstrapperFixture.copy(f.source, new FilesystemStore(volume));
        assertThat(f.runBootstrapper("reconfigure", "--storage", volume.toString(),
                "--tag-snapshot", dir.resolve("tags.json").toString())).isEqualTo(Main.USAGE);
        assertThat(f.err.toString()).contains("--storage-migrated: required; on DTR 2.6.4-2.7 switching storage without"
                + " --storage-migrated wipes every tag");
        f.assertTagsSurvived();
        assertThat(f.dockerLog()).isEmpty();

        // What the guard prevents: the same reconfigure run by hand.
        List<String> argv = new ArrayList<>(List.of(dir.resolve("bin/docker").toString(), "run", "-i", "--rm", "-e", "UCP_PASSWORD",
                "docker/dtr:2.7.5", "reconfigure"));
        argv.addAll(List.of("--ucp-url", "https://ucp", "--ucp-username", "ucp-admin", "--ucp-insecure-tls",
                "--existing-replica-id", BootstrapperFixture.REPLICA, "--dtr-storage-volume", volume.toString()));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().putAll(f.env);
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        assertThat(f.sim.metadata().tags("team/app")).as("tags wiped by a reconfigure without --storage-migrated").isEmpty();
    }

    @Test
    void msr29RefusesADestinationThatIsNotAnExactCopy() throws Exception {
        start(Product.MSR, "2.9.4");
        assertThat(f.run("gc", "disable", "--save", dir.resolve("gc.json").toString())).isZero();
        Path volume = Files.createDirectories(dir.resolve("new"));
        FilesystemStore target = new FilesystemStore(volume);
        BootstrapperFixture.copy(f.source, target);
        String missing = RegistryLayout.blobData(f.dangling.iterator().next());
        target.delete(missing);
        String snapshot = dir.resolve("tags.json").toString();
        assertThat(f.runBootstrapper("reconfigure", "--storage-migrated", "--storage", volume.toString(), "--tag-snapshot", snapshot))
                .isEqualTo(Main.FAILED);
        assertThat(f.err.toString()).contains("--source: required on MSR 2.9");
        assertThat(f.runBootstrapper("reconfigure", "--storage-migrated", "--storage", volume.toString(), "--tag-snapshot", snapshot,
                "--source", dir.resolve("storage").toUri().toString())).isEqualTo(Main.FAILED);
        assertThat(f.err.toString()).contains("is not an exact copy: 2 difference(s)", "MISSING " + missing + ": not in the destination",
                "DANGLING_LINK", // the layer link of the missing blob
                "nothing was changed");
        assertThat(f.sim.storageState().mode()).isEqualTo(StorageMode.LOCAL_VOLUME);
        f.assertTagsSurvived();
        assertThat(f.dockerLog()).doesNotContain("\"reconfigure\"");

        // reinitializeStorage is the explicit way to accept the loss, and says what is lost.
        assertThat(f.runBootstrapper("reconfigure", "--reinitialize-storage", "--storage", volume.toString(),
                "--tag-snapshot", dir.resolve("tags.json").toString())).as(f.output()).isZero();
        assertThat(f.err.toString()).contains("these " + f.tags.size() + " tag(s) will be LOST", "team/app:v1 (" + f.tags.get("team/app:v1"));
        assertThat(f.sim.metadata().tags("team/app")).isEmpty();
    }

    @Test
    void aFailedTagCheckStopsOnlineGc() throws Exception {
        start(Product.DTR, "2.7.5");
        Path snapshot = dir.resolve("tags.json");
        assertThat(f.run("tags", "snapshot", "--out", snapshot.toString())).isZero();
        f.sim.deleteTag("team/app", "v2");
        Path report = dir.resolve("check.json");
        assertThat(f.run("tags", "check", "--from", snapshot.toString(), "--storage", dir.resolve("storage").toUri().toString(),
                "--report", report.toString())).isEqualTo(Main.FAILED);
        assertThat(f.err.toString()).contains("tag check FAILED", "missing tags (1)", "team/app:v2");
        assertThat(Files.readString(report)).contains("\"passed\" : false");
        assertThat(f.run("online-gc", "--tag-check", report.toString(), "--restore-record", dir.resolve("none").toString()))
                .isEqualTo(Main.FAILED);
        assertThat(f.err.toString()).contains("onlinegc_blobs refused: the tag check");
        assertThat(f.sim.jobs().list(null, "any", null, 0, 100)).noneMatch(j -> j.action().equals("onlinegc_blobs"));
    }
}
