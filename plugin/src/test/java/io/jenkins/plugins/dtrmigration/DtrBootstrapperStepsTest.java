package io.jenkins.plugins.dtrmigration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.when;

import hudson.AbortException;
import hudson.EnvVars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.dtrmigration.layout.Digest;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.layout.RegistryTreeReader;
import org.dtrmigration.layout.SyntheticImages;
import org.dtrmigration.layout.WrittenImage;
import org.dtrmigration.simulator.DtrSimulator;
import org.dtrmigration.simulator.Product;
import org.dtrmigration.simulator.crons.CronSpec;
import org.dtrmigration.simulator.docker.DockerStandIn;
import org.dtrmigration.simulator.storage.StorageMode;
import org.dtrmigration.storage.FilesystemStore;
import org.dtrmigration.storage.ObjectInfo;
import org.dtrmigration.storage.ObjectStore;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootstrapper steps with Jenkins mocked at the StepContext: the simulator plays DTR, the docker
 * stand-in plays the bootstrapper, and a Launcher fake that behaves like the agent's LocalLauncher
 * starts the processes. Every callable crosses a serialization round trip.
 */
class DtrBootstrapperStepsTest {

    static final String TOKEN = "dtr-token-SECRET-6021";
    static final String UCP_PASSWORD = "ucp-password-SECRET-8842";
    static final String REPLICA = "a1b2c3d4e5f6";

    @TempDir
    Path dir;
    DtrSimulator sim;
    FilesystemStore source;
    StepHarness h;
    FakeLaunchers launchers = new FakeLaunchers();
    EnvVars env = new EnvVars();
    WrittenImage v1;
    WrittenImage v2;
    WrittenImage gone;
    String ucpPassword = UCP_PASSWORD;

    void start(Product product, String version) throws Exception {
        source = new FilesystemStore(Files.createDirectories(dir.resolve("storage")));
        sim = DtrSimulator.builder().storage(source).product(product).version(version).admin("admin", TOKEN)
                .readOnlyLag(Duration.ZERO).jobStartDelay(Duration.ofMillis(20)).jobStepDelay(Duration.ofMillis(2))
                .cron(CronSpec.onlineGcWeekly()).cronScheduler(false).start();
        sim.bootstrapper().ucpCredentials("ucp-admin", ucpPassword).hostRoot(dir.resolve("host"));
        v1 = sim.push("team/app", "v1", SyntheticImages.image(21, 2, 300, 800));
        v2 = sim.push("team/web", "2.0", SyntheticImages.image(22, 2, 300, 800));
        gone = sim.push("team/tmp", "gone", SyntheticImages.image(23, 1, 300, 800));
        sim.deleteTag("team/tmp", "gone");
        h = new StepHarness(Files.createDirectories(dir.resolve("workspace")).toFile());
        h.usernamePassword("dtr-admin", "admin", TOKEN);
        h.usernamePassword("ucp-admin", "ucp-admin", ucpPassword);
        Path bin = DockerStandIn.install(dir.resolve("bin")).getParent();
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put(DockerStandIn.URL_VARIABLE, sim.url().toString());
        env.put(DockerStandIn.LOG_VARIABLE, dir.resolve("argv.log").toString());
        when(h.context.get(EnvVars.class)).thenReturn(env);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (h != null) {
            String argv = Files.exists(dir.resolve("argv.log")) ? Files.readString(dir.resolve("argv.log")) : "";
            for (String secret : List.of(TOKEN, ucpPassword)) {
                assertThat(h.console()).doesNotContain(secret);
                assertThat(argv).doesNotContain(secret);
                assertThat(launchers.launched()).allSatisfy(l -> assertThat(l.cmds()).noneMatch(a -> a.contains(secret)));
            }
            h.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    <S extends DtrApiStep> S connect(S step) {
        step.setUrl(sim.url().toString());
        step.setCredentialsId("dtr-admin");
        if (step instanceof BootstrapperStep b) {
            b.setUcpUrl("https://ucp.example.com");
            b.setUcpCredentialsId("ucp-admin");
            b.setUcpInsecure(true);
            b.setReplicaId(REPLICA);
            b.setLaunchers(launchers);
        }
        return step;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> run(DtrApiStep step) throws Exception {
        SynchronousNonBlockingStepExecution<Map<String, Object>> execution =
                (SynchronousNonBlockingStepExecution<Map<String, Object>>) step.start(h.context);
        if (execution instanceof BootstrapperExecution b) {
            return b.run();
        }
        return ((DtrApiExecution) execution).run();
    }

    Path workspace() {
        return h.workspace.toPath();
    }

    @Test
    void theBackupRestoreProcedureThroughTheSteps() throws Exception {
        start(Product.DTR, "2.7.5");
        run(connect(new DtrDisableGcStep()));
        run(connect(new DtrReadOnlyStep(true)));

        Map<String, Object> backup = run(connect(new DtrBackupStep()));
        assertThat(backup).containsEntry("file", "dtr-backup.tar").containsEntry("sidecar", "dtr-backup.tar.json")
                .containsEntry("image", "docker/dtr:2.7.5").containsEntry("replicaId", REPLICA).containsEntry("readOnly", true)
                .containsEntry("tagSnapshot", "dtr-backup.tar.tags.json").containsEntry("tags", 2);
        assertThat(workspace().resolve("dtr-backup.tar")).exists();
        // The password went to docker through the process environment, and the launcher did not echo the command.
        FakeLaunchers.Launched backupRun = launchers.launched().stream().filter(l -> l.cmds().contains("backup")).findFirst()
                .orElseThrow();
        assertThat(backupRun.envs()).containsEntry("UCP_PASSWORD", UCP_PASSWORD);
        assertThat(backupRun.quiet()).isTrue();
        assertThat(backupRun.cmds()).contains("-e", "UCP_PASSWORD").doesNotContain(UCP_PASSWORD);
        assertThat(backupRun.cmds().get(0)).isEqualTo(dir.resolve("bin/docker").toString());

        Path volume = Files.createDirectories(dir.resolve("new-volume"));
        FilesystemStore target = new FilesystemStore(volume);
        for (ObjectInfo info : source.list("").toList()) {
            target.write(info.key(), source.readAllBytes(info.key())); // test-only copy; the real procedure uses dtrCopyStorage
        }
        DtrRestoreStep restore = connect(new DtrRestoreStep());
        restore.setStorage(volume.toString());
        Map<String, Object> restored = run(restore);
        assertThat(restored).containsEntry("destroyed", List.of(REPLICA)).containsEntry("record", "dtr-restore.json")
                .containsEntry("keepMetadata", false);
        assertThat(sim.storageState().mode()).isEqualTo(StorageMode.VOLUME);
        assertThat(sim.metadata().tag("team/app", "v1")).map(t -> t.digest()).contains(v1.manifest());

        assertThatThrownBy(() -> run(connect(new DtrOnlineGcStep())))
                .isInstanceOf(AbortException.class).hasMessageContaining("Run the tag check first");
        DtrCheckTagsStep check = connect(new DtrCheckTagsStep());
        check.setFrom("dtr-backup.tar.tags.json");
        check.setStorage(volume.toUri().toString());
        assertThat(run(check)).containsEntry("passed", true).containsEntry("tags", 2);
        assertThat(run(connect(new DtrOnlineGcStep()))).containsEntry("status", "done");
        for (Digest blob : gone.blobs()) {
            assertThat(target.stat(RegistryLayout.blobData(blob))).as("dangling blob collected").isEmpty();
        }
        assertBlobs(target, v1, v2);
        run(connect(new DtrRestoreGcStep()));
        assertThat(sim.crons().list()).extracting(c -> c.spec()).containsExactly(CronSpec.onlineGcWeekly());
        run(connect(new DtrReadOnlyStep(false)));
    }

    static void assertBlobs(ObjectStore store, WrittenImage... images) throws IOException {
        for (WrittenImage image : images) {
            for (Digest blob : new RegistryTreeReader(store).referencedBlobs(image.manifest())) {
                assertThat(store.stat(RegistryLayout.blobData(blob))).isPresent();
            }
        }
    }

    @Test
    void theReadOnlyReconfigureProcedureOnMsr29() throws Exception {
        start(Product.MSR, "2.9.4");
        run(connect(new DtrDisableGcStep()));
        run(connect(new DtrReadOnlyStep(true)));
        Path volume = Files.createDirectories(dir.resolve("new-volume"));
        FilesystemStore target = new FilesystemStore(volume);
        for (ObjectInfo info : source.list("").toList()) {
            target.write(info.key(), source.readAllBytes(info.key()));
        }
        DtrReconfigureStep reconfigure = connect(new DtrReconfigureStep());
        reconfigure.setStorage(volume.toString());
        reconfigure.setStorageMigrated(true);
        reconfigure.setSource(dir.resolve("storage").toUri().toString());
        Map<String, Object> r = run(reconfigure);
        assertThat(r).containsEntry("exactCopy", true).containsEntry("image", "mirantis/dtr:2.9.4")
                .containsEntry("tagSnapshot", "dtr-tags.json").containsEntry("lostTags", 0);
        assertThat(launchers.launched()).anySatisfy(l -> assertThat(l.cmds()).contains("reconfigure", "--storage-migrated"));
        DtrCheckTagsStep check = connect(new DtrCheckTagsStep());
        check.setFrom("dtr-tags.json");
        check.setStorage(volume.toUri().toString());
        assertThat(run(check)).containsEntry("passed", true);
        assertBlobs(target, v1, v2);
    }

    @Test
    void aUcpPasswordWithDollarSignsReachesDockerUnchanged() throws Exception {
        // Launcher.LocalLauncher expands $NAME in the environment it is given; PATH is always set.
        ucpPassword = "ucp-$PATH-${PATH}-$$-SECRET-7310";
        start(Product.DTR, "2.7.5");
        run(connect(new DtrDisableGcStep()));

        Map<String, Object> backup = run(connect(new DtrBackupStep()));

        assertThat(backup).containsEntry("file", "dtr-backup.tar");
        FakeLaunchers.Launched backupRun = launchers.launched().stream().filter(l -> l.cmds().contains("backup")).findFirst()
                .orElseThrow();
        assertThat(backupRun.envs()).containsEntry("UCP_PASSWORD", ucpPassword);
        assertThat(backupRun.cmds().get(0)).isEqualTo(dir.resolve("bin/docker").toString());
    }

    @Test
    void replicasToDestroyAreWrittenAsTheCliTakesThem() {
        assertThat(DtrRestoreStep.replicasToDestroy(null)).isNull();
        assertThat(DtrRestoreStep.replicasToDestroy("  ")).isNull();
        assertThat(DtrRestoreStep.replicasToDestroy(" None ")).isEmpty();
        assertThat(DtrRestoreStep.replicasToDestroy("a1b2c3d4e5f6, 0123456789ab a1b2c3d4e5f6"))
                .containsExactly("a1b2c3d4e5f6", "0123456789ab");
        assertThatThrownBy(() -> DtrRestoreStep.replicasToDestroy("a1b2c3d4e5f6,none"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("destroy: 'none' cannot be combined with replica ids");
        assertThatThrownBy(() -> DtrRestoreStep.replicasToDestroy("A1B2C3D4E5F6"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("destroy: 'A1B2C3D4E5F6' is not a replica id");
    }

    @Test
    void backupIsRefusedWhileGcIsOnAndLeavesNoFile() throws Exception {
        start(Product.DTR, "2.7.5");
        assertThatThrownBy(() -> run(connect(new DtrBackupStep())))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("backup refused: garbage collection is still on")
                .hasMessageContaining("force: true");
        try (var files = Files.list(workspace())) {
            assertThat(files).isEmpty();
        }
        assertThat(launchers.launched()).isEmpty();
    }

    @Test
    void reconfigureWithoutStorageMigratedOrOnAnOldVersionIsRefusedBeforeAnythingRuns() throws Exception {
        start(Product.DTR, "2.6.3");
        DtrReconfigureStep missing = connect(new DtrReconfigureStep());
        missing.setStorage(dir.resolve("x").toString());
        assertThatThrownBy(() -> run(missing)).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("storageMigrated: required");
        DtrReconfigureStep old = connect(new DtrReconfigureStep());
        old.setStorage(dir.resolve("x").toString());
        old.setStorageMigrated(true);
        old.setForce(true);
        assertThatThrownBy(() -> run(old)).isInstanceOf(AbortException.class)
                .hasMessageContaining("DTR 2.6.0-2.6.3 has no --storage-migrated")
                .hasMessageContaining("Upgrade to DTR 2.6.4 or later first");
        assertThat(launchers.launched()).isEmpty();
        assertThat(sim.metadata().tags("team/app")).hasSize(1);
    }

    @Test
    void parametersAreCheckedNamingThem() throws Exception {
        start(Product.DTR, "2.7.5");
        DtrBackupStep noUcp = connect(new DtrBackupStep());
        noUcp.setUcpCredentialsId(null);
        assertThatThrownBy(() -> run(noUcp)).hasMessageStartingWith("ucpCredentialsId: required");
        DtrBackupStep badFile = connect(new DtrBackupStep());
        badFile.setFile("../outside.tar");
        assertThatThrownBy(() -> run(badFile)).hasMessageStartingWith("file: '../outside.tar' must be a path inside the workspace");
        DtrBackupStep badImage = connect(new DtrBackupStep());
        badImage.setImage("docker/dtr:latest");
        assertThatThrownBy(() -> run(badImage)).hasMessageStartingWith("image: ");
        DtrBackupStep noReplica = connect(new DtrBackupStep());
        noReplica.setReplicaId(null);
        assertThatThrownBy(() -> run(noReplica)).hasMessageStartingWith("replicaId: required");
        DtrRestoreStep noStorage = connect(new DtrRestoreStep());
        assertThatThrownBy(() -> run(noStorage)).hasMessageStartingWith("storage: required");
        DtrRestoreStep badDestroy = connect(new DtrRestoreStep());
        badDestroy.setStorage(dir.resolve("x").toString());
        badDestroy.setDestroy("a1b2c3d4e5f6 dtr-1");
        assertThatThrownBy(() -> run(badDestroy)).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("destroy: 'dtr-1' is not a replica id");
        DtrBackupStep noCa = connect(new DtrBackupStep());
        noCa.setUcpInsecure(false);
        assertThatThrownBy(() -> run(noCa)).hasMessageStartingWith("ucpCaCertificate: required");
        assertThat(launchers.launched()).isEmpty();
    }
}
