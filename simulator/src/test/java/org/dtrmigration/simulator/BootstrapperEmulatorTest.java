package org.dtrmigration.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.dtrmigration.layout.WrittenImage;
import org.dtrmigration.simulator.crons.CronSpec;
import org.dtrmigration.simulator.storage.StorageMode;
import org.dtrmigration.storage.ObjectInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bootstrapper as the simulator plays it, called directly (the stand-in's transport is tested separately). */
class BootstrapperEmulatorTest {

    static final String PASSWORD = "ucp-pass-SECRET";
    static final String REPLICA = "a1b2c3d4e5f6";

    @TempDir
    Path dir;
    DtrSimulator sim;

    void start(Product product, String version) throws IOException {
        sim = Sims.builder(dir).product(product).version(version).cron(CronSpec.onlineGcWeekly()).start();
        sim.bootstrapper().ucpCredentials("ucp-admin", PASSWORD).hostRoot(dir.resolve("host"));
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    BootstrapperEmulator.Outcome run(String image, String command, String... args) {
        return run(image, command, new byte[0], args);
    }

    BootstrapperEmulator.Outcome run(String image, String command, byte[] stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("--ucp-url", "https://ucp", "--ucp-username", "ucp-admin", "--ucp-insecure-tls"));
        all.addAll(List.of(args));
        return sim.bootstrapper().run(image, command, all, Map.of("UCP_PASSWORD", PASSWORD), stdin);
    }

    static List<String> entries(byte[] tar) throws IOException {
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                names.add(e.getName());
            }
        }
        return names;
    }

    Path copyStorage(Path target) throws IOException {
        for (ObjectInfo info : sim.storage().list("").toList()) {
            Path p = target.resolve(info.key());
            Files.createDirectories(p.getParent());
            Files.write(p, sim.storage().readAllBytes(info.key()));
        }
        return target;
    }

    @Test
    void backupWritesAVersionedTarWithTheMetadata() throws Exception {
        start(Product.DTR, "2.7.5");
        WrittenImage v1 = sim.push("team/app", "v1");
        BootstrapperEmulator.Outcome o = run("docker/dtr:2.7.5", "backup", "--existing-replica-id", REPLICA, "--offline-backup");
        assertThat(o.exitCode()).as(o.stderr()).isZero();
        assertThat(entries(o.stdout())).allMatch(n -> n.startsWith("dtr-backup-v2.7.5/"))
                .contains("dtr-backup-v2.7.5/rethink/tags.json", "dtr-backup-v2.7.5/rethink/crons.json");
        assertThat(new String(o.stdout(), StandardCharsets.UTF_8)).contains(v1.manifest().toString());
        assertThat(o.stderr()).doesNotContain(PASSWORD);
    }

    @Test
    void credentialsFlagsAndVersionAreChecked() throws Exception {
        start(Product.DTR, "2.7.5");
        assertThat(sim.bootstrapper().run("docker/dtr:2.7.5", "backup", List.of("--ucp-url", "u", "--ucp-username", "ucp-admin",
                "--ucp-insecure-tls", "--existing-replica-id", REPLICA), Map.of("UCP_PASSWORD", "wrong"), new byte[0]).stderr())
                .contains("invalid credentials");
        assertThat(run("docker/dtr:2.7.4", "backup", "--existing-replica-id", REPLICA).stderr()).contains("does not match");
        assertThat(run("docker/dtr:2.7.5", "backup", "--existing-replica-id", "000000000000").stderr()).contains("not found");
        assertThat(run("docker/dtr:2.7.5", "backup", "--existing-replica-id", REPLICA, "--frobnicate").stderr())
                .contains("flag provided but not defined: -frobnicate");
        assertThat(sim.bootstrapper().run("mirantis/dtr:2.7.5", "pull", List.of(), Map.of(), new byte[0]).exitCode()).isZero();
        assertThat(sim.bootstrapper().run("nginx:1", "pull", List.of(), Map.of(), new byte[0]).exitCode()).isEqualTo(1);
    }

    @Test
    void offlineBackupDoesNotExistOn25() throws Exception {
        start(Product.DTR, "2.5.11");
        assertThat(run("docker/dtr:2.5.11", "backup", "--existing-replica-id", REPLICA, "--offline-backup").stderr())
                .contains("flag provided but not defined: -offline-backup");
    }

    @Test
    void destroyRemovesTheLocalVolumeAndTheApiThenRestoreBringsTheBackupBack() throws Exception {
        start(Product.DTR, "2.7.5");
        WrittenImage v1 = sim.push("team/app", "v1");
        byte[] backup = run("docker/dtr:2.7.5", "backup", "--existing-replica-id", REPLICA).stdout();
        Path copy = copyStorage(Files.createDirectories(dir.resolve("copy")));
        sim.push("team/app", "after-backup");
        assertThat(run("docker/dtr:2.7.5", "restore", backup, "--replica-id", REPLICA, "--dtr-storage-volume", copy.toString())
                .stderr()).contains("still installed");

        assertThat(run("docker/dtr:2.7.5", "destroy", "--replica-id", REPLICA).exitCode()).isZero();
        assertThat(sim.installed()).isFalse();
        assertThat(sim.storage().list("").toList()).as("the default local volume went with the replica").isEmpty();
        assertThat(new Api(sim.url()).get("/api/v0/meta/settings").status()).isEqualTo(503);
        assertThat(sim.crons().list()).isEmpty();

        assertThat(run("docker/dtr:2.7.5", "restore", backup, "--replica-id", REPLICA).stderr())
                .contains("one of --dtr-storage-volume, --nfs-storage-url or --dtr-use-default-storage is required");
        BootstrapperEmulator.Outcome o = run("docker/dtr:2.7.5", "restore", backup, "--replica-id", REPLICA,
                "--dtr-storage-volume", copy.toString());
        assertThat(o.exitCode()).as(o.stderr()).isZero();
        assertThat(sim.installed()).isTrue();
        assertThat(sim.metadata().tag("team/app", "v1")).map(t -> t.digest()).contains(v1.manifest());
        assertThat(sim.metadata().tag("team/app", "after-backup")).isEmpty();
        assertThat(sim.crons().list()).extracting(c -> c.action()).containsExactly("onlinegc");
        assertThat(sim.storageState().mode()).isEqualTo(StorageMode.VOLUME);
        assertThat(new Api(sim.url()).get("/api/v0/repositories/team/app/tags").status()).isEqualTo(200);
    }

    @Test
    void restoreNeedsTheBootstrapperVersionOfTheBackup() throws Exception {
        start(Product.DTR, "2.7.5");
        sim.push("team/app", "v1");
        byte[] backup = run("docker/dtr:2.7.5", "backup", "--existing-replica-id", REPLICA).stdout();
        byte[] other = new String(backup, StandardCharsets.ISO_8859_1).replace("dtr-backup-v2.7.5/", "dtr-backup-v2.7.4/")
                .getBytes(StandardCharsets.ISO_8859_1);
        run("docker/dtr:2.7.5", "destroy", "--replica-id", REPLICA);
        assertThat(run("docker/dtr:2.7.5", "restore", other, "--replica-id", REPLICA, "--dtr-use-default-storage").stderr())
                .contains("the backup is of version 2.7.4");
        assertThat(sim.installed()).isFalse();
    }

    @Test
    void reconfigureOn27WipesTagsWithoutStorageMigrated() throws Exception {
        start(Product.DTR, "2.7.5");
        sim.push("team/app", "v1");
        Path copy = copyStorage(Files.createDirectories(dir.resolve("copy")));
        assertThat(run("docker/dtr:2.7.5", "reconfigure", "--existing-replica-id", REPLICA, "--dtr-storage-volume", copy.toString(),
                "--storage-migrated").exitCode()).isZero();
        assertThat(sim.metadata().tags("team/app")).hasSize(1);
        assertThat(run("docker/dtr:2.7.5", "reconfigure", "--existing-replica-id", REPLICA, "--dtr-storage-volume", "named-vol")
                .exitCode()).isZero();
        assertThat(sim.metadata().tags("team/app")).as("switch without --storage-migrated").isEmpty();
        assertThat(sim.storageState().volume()).isEqualTo("named-vol");
        assertThat(Files.isDirectory(sim.bootstrapper().volumePath("named-vol"))).isTrue();
    }

    @Test
    void reconfigureOn263HasNoStorageMigratedAndWipes() throws Exception {
        start(Product.DTR, "2.6.3");
        sim.push("team/app", "v1");
        Path copy = copyStorage(Files.createDirectories(dir.resolve("copy")));
        assertThat(run("docker/dtr:2.6.3", "reconfigure", "--existing-replica-id", REPLICA, "--nfs-storage-url", "nfs://nfs1/dtr",
                "--storage-migrated").stderr()).contains("flag provided but not defined: -storage-migrated");
        assertThat(run("docker/dtr:2.6.3", "reconfigure", "--existing-replica-id", REPLICA, "--dtr-storage-volume", copy.toString())
                .exitCode()).isZero();
        assertThat(sim.metadata().tags("team/app")).isEmpty();
    }

    @Test
    void msr29NeedsAnExactCopyOrReinitializeStorage() throws Exception {
        start(Product.MSR, "2.9.4");
        sim.push("team/app", "v1");
        Path partial = Files.createDirectories(dir.resolve("partial"));
        assertThat(run("mirantis/dtr:2.9.4", "reconfigure", "--existing-replica-id", REPLICA, "--dtr-storage-volume",
                partial.toString(), "--storage-migrated").stderr()).contains("does not contain an exact copy");
        assertThat(sim.metadata().tags("team/app")).hasSize(1);
        Path exact = copyStorage(Files.createDirectories(dir.resolve("exact")));
        assertThat(run("mirantis/dtr:2.9.4", "reconfigure", "--existing-replica-id", REPLICA, "--dtr-storage-volume",
                exact.toString(), "--storage-migrated").exitCode()).isZero();
        assertThat(sim.metadata().tags("team/app")).hasSize(1);
        assertThat(run("mirantis/dtr:2.9.4", "reconfigure", "--existing-replica-id", REPLICA, "--dtr-storage-volume",
                partial.toString(), "--reinitialize-storage").exitCode()).isZero();
        assertThat(sim.metadata().tags("team/app")).isEmpty();
    }

    @Test
    void aFaultyBackupIsCutShort() throws Exception {
        start(Product.DTR, "2.7.5");
        sim.push("team/app", "v1");
        byte[] full = run("docker/dtr:2.7.5", "backup", "--existing-replica-id", REPLICA).stdout();
        sim.bootstrapper().failNextBackup(BootstrapperEmulator.BackupFault.TRUNCATED);
        BootstrapperEmulator.Outcome cut = run("docker/dtr:2.7.5", "backup", "--existing-replica-id", REPLICA);
        assertThat(cut.exitCode()).isZero();
        assertThat(cut.stdout().length).isEqualTo(full.length / 2);
        sim.bootstrapper().failNextBackup(BootstrapperEmulator.BackupFault.FAILED);
        assertThat(run("docker/dtr:2.7.5", "backup", "--existing-replica-id", REPLICA).exitCode()).isEqualTo(1);
    }
}
