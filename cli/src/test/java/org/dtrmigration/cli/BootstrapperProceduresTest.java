package org.dtrmigration.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dtrmigration.simulator.Product;
import org.dtrmigration.simulator.storage.StorageMode;
import org.dtrmigration.storage.AzureLocation;
import org.dtrmigration.storage.FilesystemStore;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.S3Location;
import org.dtrmigration.storage.StoreFactory;
import org.dtrmigration.testing.AzuriteServer;
import org.dtrmigration.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two documented storage migrations, end to end through the CLI: the simulator plays DTR/MSR and
 * (through the docker stand-in) its bootstrapper; the new storage is a real S3 server (S3Proxy) or
 * Azure emulator (Azurite). The storage copy in between is a test helper; the real procedure uses
 * the storage copier (dtrCopyStorage / 'dtr-migrate copy').
 */
class BootstrapperProceduresTest {

    static S3ProxyServer s3;

    @TempDir
    Path dir;
    BootstrapperFixture f;

    @BeforeAll
    static void servers() throws Exception {
        s3 = S3ProxyServer.start();
    }

    @AfterAll
    static void stopServers() {
        s3.close();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (f != null) {
            f.assertNoSecretLeaked();
            f.close();
        }
    }

    @Test
    void backupRestoreOntoS3KeepsEveryTagAndCollectsOnlyDanglingBlobs() throws Exception {
        f = new BootstrapperFixture(dir, Product.DTR, "2.7.5");
        s3.createBucket("restored");
        S3Location location = s3.location("restored", "dtr");
        f.env.put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY);
        f.env.put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
        f.secrets.add(S3ProxyServer.SECRET_KEY);
        Path gc = dir.resolve("gc.json");
        Path backup = dir.resolve("backups/dtr.tar");
        Path record = dir.resolve("dtr-restore.json");
        Path report = dir.resolve("dtr-tag-check.json");

        // 1. GC off (kept off throughout), read-only on, 2. metadata backup
        assertThat(f.run("gc", "disable", "--save", gc.toString())).as(f.output()).isZero();
        assertThat(f.run("read-only", "on")).isZero();
        assertThat(f.runBootstrapper("backup", "--out", backup.toString())).as(f.output()).isZero();
        assertThat(backup).exists();
        assertThat(backup.resolveSibling("dtr.tar.json")).exists();
        assertThat(backup.resolveSibling("dtr.tar.tags.json")).exists();
        assertThat(f.err.toString()).doesNotContain("Read-only mode is off");

        // 3. copy the storage to S3
        try (ObjectStore target = new StoreFactory().open(location, s3.credentials())) {
            assertThat(BootstrapperFixture.copy(f.source, target)).isPositive();
        }

        // 4. destroy + restore naming the new storage
        int code = f.runBootstrapper("restore", "--from", backup.toString(), "--storage", location.toUri(),
                "--record", record.toString());
        assertThat(code).as(f.output()).isZero();
        assertThat(f.sim.installed()).isTrue();
        assertThat(f.sim.storageState().mode()).isEqualTo(StorageMode.CLOUD);
        assertThat(f.sim.isReadOnly()).as("read-only carried through the storage switch").isTrue();
        assertThat(f.dockerLog()).contains("\"destroy\"", "\"restore\"", "\"--dtr-use-default-storage\"");
        f.assertTagsSurvived();

        // 5. onlinegc_blobs: only after the tag check passed
        assertThat(f.run("online-gc", "--restore-record", record.toString(), "--tag-check", report.toString())).isEqualTo(1);
        assertThat(f.err.toString()).contains("Run the tag check first");
        assertThat(f.run("tags", "check", "--from", backup.resolveSibling("dtr.tar.tags.json").toString(),
                "--storage", location.toUri(), "--report", report.toString())).as(f.output()).isZero();
        assertThat(f.out.toString()).contains("tag check PASSED: " + f.tags.size() + " tag(s)");
        assertThat(f.run("online-gc", "--restore-record", record.toString(), "--tag-check", report.toString()))
                .as(f.output()).isZero();
        try (ObjectStore target = new StoreFactory().open(location, s3.credentials())) {
            f.assertBlobsIn(target, true);
        }
        f.assertTagsSurvived();

        // GC back as it was, read-only off
        assertThat(f.run("gc", "restore", "--from", gc.toString())).isZero();
        assertThat(f.crons()).isEqualTo(BootstrapperFixture.cronsAsConfigured());
        assertThat(f.run("read-only", "off")).isZero();
    }

    @Test
    void readOnlyWindowReconfigureOntoAzureKeepsEveryTag() throws Exception {
        AzuriteServer azurite = AzuriteServer.startOrSkip();
        try {
            f = new BootstrapperFixture(dir, Product.MSR, "2.9.4");
            azurite.createContainer("migrated");
            AzureLocation location = new AzureLocation("migrated", "", AzuriteServer.ACCOUNT, azurite.serviceUrl(), true);
            f.env.put("AZURE_STORAGE_ACCOUNT", AzuriteServer.ACCOUNT);
            f.env.put("AZURE_STORAGE_KEY", AzuriteServer.ACCOUNT_KEY);
            f.secrets.add(AzuriteServer.ACCOUNT_KEY);
            Path gc = dir.resolve("gc.json");
            Path snapshot = dir.resolve("dtr-tags.json");
            Path report = dir.resolve("dtr-tag-check.json");

            assertThat(f.run("gc", "disable", "--save", gc.toString())).isZero();
            // 1. read-only on, 2. copy storage
            assertThat(f.run("read-only", "on")).isZero();
            try (ObjectStore target = new StoreFactory().open(location, azurite.credentials())) {
                BootstrapperFixture.copy(f.source, target);
            }
            // 3. reconfigure --storage-migrated; MSR 2.9 verifies the exact copy first
            int code = f.runBootstrapper("reconfigure", "--storage-migrated", "--storage", location.toUri(),
                    "--source", dir.resolve("storage").toUri().toString(),
                    "--tag-snapshot", snapshot.toString());
            assertThat(code).as(f.output()).isZero();
            assertThat(f.out.toString()).contains("exact copy");
            assertThat(f.sim.storageState().mode()).isEqualTo(StorageMode.CLOUD);
            f.assertTagsSurvived();
            assertThat(f.run("tags", "check", "--from", snapshot.toString(), "--storage", location.toUri(),
                    "--report", report.toString())).as(f.output()).isZero();
            // dangling blobs are collected in the new storage; tags keep theirs
            assertThat(f.run("online-gc", "--restore-record", dir.resolve("none.json").toString(),
                    "--tag-check", report.toString())).as(f.output()).isZero();
            try (ObjectStore target = new StoreFactory().open(location, azurite.credentials())) {
                f.assertBlobsIn(target, true);
            }
            f.assertTagsSurvived();
            assertThat(f.run("read-only", "off")).isZero();
            assertThat(f.run("gc", "restore", "--from", gc.toString())).isZero();
            assertThat(f.crons()).isEqualTo(BootstrapperFixture.cronsAsConfigured());
        } finally {
            azurite.close();
        }
    }

    @Test
    void reconfigureOntoAVolumeRunsTheBootstrapperWithStorageMigrated() throws Exception {
        f = new BootstrapperFixture(dir, Product.DTR, "2.7.5");
        Path volume = Files.createDirectories(dir.resolve("new-volume"));
        assertThat(f.run("gc", "disable", "--save", dir.resolve("gc.json").toString())).isZero();
        assertThat(f.run("read-only", "on")).isZero();
        BootstrapperFixture.copy(f.source, new FilesystemStore(volume));
        assertThat(f.runBootstrapper("reconfigure", "--storage-migrated", "--storage", volume.toString(),
                "--tag-snapshot", dir.resolve("tags.json").toString())).as(f.output()).isZero();
        assertThat(f.dockerLog()).contains("\"reconfigure\"", "\"--dtr-storage-volume\",\"" + volume + "\"", "\"--storage-migrated\"");
        assertThat(f.sim.storageState().mode()).isEqualTo(StorageMode.VOLUME);
        f.assertTagsSurvived();
        assertThat(f.run("tags", "check", "--from", dir.resolve("tags.json").toString(), "--storage", volume.toUri().toString(),
                "--report", dir.resolve("check.json").toString())).as(f.output()).isZero();
        f.assertBlobsIn(new FilesystemStore(volume), false);
    }
}
