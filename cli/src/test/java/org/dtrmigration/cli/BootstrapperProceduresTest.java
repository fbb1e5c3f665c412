package org.dtrmigration.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtrmigration.migration.StorageAccess;
import org.dtrmigration.simulator.Product;
import org.dtrmigration.simulator.storage.StorageMode;
import org.dtrmigration.storage.AzureLocation;
import org.dtrmigration.storage.FilesystemStore;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.StoreFactory;
import org.dtrmigration.testing.AzuriteServer;
import org.dtrmigration.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The two documented storage migrations, end to end through the CLI: the simulator plays DTR/MSR and
 * (through the docker stand-in) its bootstrapper; the new storage is a real S3 server (S3Proxy) or
 * Azure emulator (Azurite). The storage copy in between is a test helper; the real procedure uses
 * the storage copier (dtrCopyStorage / 'dtr-migrate copy').
 */
class BootstrapperProceduresTest {

    /** The new storage: a real server, with the credentials the CLI reads from its environment. */
    enum Backend { S3, AZURE }

    static S3ProxyServer s3;
    static AzuriteServer azurite;

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
        if (azurite != null) {
            azurite.close();
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (f != null) {
            f.assertNoSecretLeaked();
            f.close();
        }
    }

    /** A fresh bucket or container on the backend, its credentials in the fixture's environment. */
    StorageAccess newStorage(Backend backend, String name) throws Exception {
        if (backend == Backend.S3) {
            s3.createBucket(name);
            f.env.put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY);
            f.env.put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
            f.secrets.add(S3ProxyServer.SECRET_KEY);
            return new StorageAccess(s3.location(name, "dtr"), s3.credentials());
        }
        if (azurite == null) {
            azurite = AzuriteServer.startOrSkip();
        }
        azurite.createContainer(name);
        f.env.put("AZURE_STORAGE_ACCOUNT", AzuriteServer.ACCOUNT);
        f.env.put("AZURE_STORAGE_KEY", AzuriteServer.ACCOUNT_KEY);
        f.secrets.add(AzuriteServer.ACCOUNT_KEY);
        // DTR/MSR 2.x's Azure driver writes blob names with a leading '/'.
        return new StorageAccess(new AzureLocation(name, "", AzuriteServer.ACCOUNT, azurite.serviceUrl(), true), azurite.credentials());
    }

    @ParameterizedTest
    @CsvSource({"S3, DTR, 2.7.5", "AZURE, MSR, 2.8.2"})
    void backupRestoreKeepsEveryTagAndCollectsOnlyDanglingBlobs(Backend backend, Product product, String version) throws Exception {
        f = new BootstrapperFixture(dir, product, version);
        StorageAccess storage = newStorage(backend, "restored");
        String location = storage.location().toUri();
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

        // 3. copy the storage (test helper; the real procedure uses the storage copier)
        try (ObjectStore target = storage.open(new StoreFactory())) {
            assertThat(BootstrapperFixture.copy(f.source, target)).isPositive();
        }

        // 4. destroy + restore naming the new storage
        int code = f.runBootstrapper("restore", "--from", backup.toString(), "--storage", location, "--record", record.toString());
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
                "--storage", location, "--report", report.toString())).as(f.output()).isZero();
        assertThat(f.out.toString()).contains("tag check PASSED: " + f.tags.size() + " tag(s)");
        assertThat(f.run("online-gc", "--restore-record", record.toString(), "--tag-check", report.toString()))
                .as(f.output()).isZero();
        try (ObjectStore target = storage.open(new StoreFactory())) {
            f.assertBlobsIn(target, true);
        }
        f.assertTagsSurvived();

        // GC back as it was, read-only off
        assertThat(f.run("gc", "restore", "--from", gc.toString())).isZero();
        assertThat(f.crons()).isEqualTo(BootstrapperFixture.cronsAsConfigured());
        assertThat(f.run("read-only", "off")).isZero();
    }

    @ParameterizedTest
    @CsvSource({"AZURE, MSR, 2.9.4", "S3, DTR, 2.7.5"})
    void readOnlyWindowReconfigureKeepsEveryTag(Backend backend, Product product, String version) throws Exception {
        f = new BootstrapperFixture(dir, product, version);
        StorageAccess storage = newStorage(backend, "migrated");
        String location = storage.location().toUri();
        Path gc = dir.resolve("gc.json");
        Path snapshot = dir.resolve("dtr-tags.json");
        Path report = dir.resolve("dtr-tag-check.json");

        assertThat(f.run("gc", "disable", "--save", gc.toString())).isZero();
        // 1. read-only on, 2. copy storage
        assertThat(f.run("read-only", "on")).isZero();
        try (ObjectStore target = storage.open(new StoreFactory())) {
            BootstrapperFixture.copy(f.source, target);
        }
        // 3. reconfigure --storage-migrated; MSR 2.9 verifies the exact copy of --source first, others the tags' blobs
        List<String> args = new ArrayList<>(List.of("--storage-migrated", "--storage", location, "--tag-snapshot", snapshot.toString()));
        if (version.startsWith("2.9")) {
            args.addAll(List.of("--source", dir.resolve("storage").toUri().toString()));
        }
        assertThat(f.runBootstrapper("reconfigure", args.toArray(String[]::new))).as(f.output()).isZero();
        assertThat(f.out.toString()).contains(version.startsWith("2.9") ? "exact copy" : "Tag check PASSED");
        assertThat(f.sim.storageState().mode()).isEqualTo(StorageMode.CLOUD);
        assertThat(f.sim.isReadOnly()).isTrue();
        f.assertTagsSurvived();
        assertThat(f.run("tags", "check", "--from", snapshot.toString(), "--storage", location,
                "--report", report.toString())).as(f.output()).isZero();
        // dangling blobs are collected in the new storage; tags keep theirs
        assertThat(f.run("online-gc", "--restore-record", dir.resolve("none.json").toString(),
                "--tag-check", report.toString())).as(f.output()).isZero();
        try (ObjectStore target = storage.open(new StoreFactory())) {
            f.assertBlobsIn(target, true);
        }
        f.assertTagsSurvived();
        assertThat(f.run("read-only", "off")).isZero();
        assertThat(f.run("gc", "restore", "--from", gc.toString())).isZero();
        assertThat(f.crons()).isEqualTo(BootstrapperFixture.cronsAsConfigured());
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
