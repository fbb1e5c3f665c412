package org.dtrmigration.bootstrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.dtrmigration.secret.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rendering is pure: these tests run nothing. */
class BootstrapperTest {

    static final String PASSWORD = "ucp-Pa55word-SECRET";
    static final String CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    static final String REPLICA = "a1b2c3d4e5f6";

    static Bootstrapper bootstrapper(String image) {
        return new Bootstrapper(BootstrapperImage.parse(image, "image"),
                new UcpConnection("https://ucp.example.com", "admin", Secret.of(PASSWORD), CA, false), "docker");
    }

    @Test
    void backupIsTheDocumentedCommandWithThePasswordInTheEnvironmentOnly() {
        Invocation backup = bootstrapper("docker/dtr:2.7.5").render(new BootstrapperCommand.Backup(REPLICA, true));
        assertThat(backup.argv()).containsExactly("docker", "run", "-i", "--rm", "--log-driver", "none", "-e", "UCP_PASSWORD",
                "docker/dtr:2.7.5", "backup", "--ucp-url", "https://ucp.example.com", "--ucp-username", "admin",
                "--ucp-ca", CA, "--existing-replica-id", REPLICA, "--offline-backup");
        assertThat(backup.environment()).containsOnlyKeys("UCP_PASSWORD");
        assertThat(backup.environment().get("UCP_PASSWORD").reveal()).isEqualTo(PASSWORD);
        assertThat(backup.argv()).noneMatch(a -> a.contains(PASSWORD));
        assertThat(backup.writesStdout()).isTrue();
        assertThat(backup.readsStdin()).isFalse();
        assertThat(backup.display()).doesNotContain(PASSWORD).contains("'<PEM>'").contains("(environment: UCP_PASSWORD)");
        assertThat(backup.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void insecureTlsOnlyWhenAskedFor() {
        Bootstrapper b = new Bootstrapper(BootstrapperImage.parse("docker/dtr:2.7.5", "image"),
                new UcpConnection("https://ucp", "admin", Secret.of(PASSWORD), null, true), "/usr/bin/docker");
        List<String> argv = b.render(new BootstrapperCommand.Destroy(REPLICA)).argv();
        assertThat(argv).contains("--ucp-insecure-tls").doesNotContain("--ucp-ca", "--log-driver");
        assertThat(argv.get(0)).isEqualTo("/usr/bin/docker");
        assertThat(argv.subList(argv.size() - 2, argv.size())).containsExactly("--replica-id", REPLICA);
        assertThatThrownBy(() -> new UcpConnection("https://ucp", "admin", Secret.of(PASSWORD), null, false))
                .hasMessageStartingWith("ucpCaCertificate: required");
        assertThatThrownBy(() -> new UcpConnection("https://ucp", "admin", Secret.of(PASSWORD), CA, true))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> new UcpConnection("https://admin:pw@ucp", "admin", Secret.of(PASSWORD), CA, false))
                .hasMessageStartingWith("ucpUrl: must not contain credentials");
        assertThat(new UcpConnection("https://ucp", "admin", Secret.of(PASSWORD), CA, false).toString()).doesNotContain(PASSWORD);
    }

    @Test
    void offlineBackupDoesNotExistOn25() {
        assertThatThrownBy(() -> bootstrapper("docker/dtr:2.5.11").render(new BootstrapperCommand.Backup(REPLICA, true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("offline: DTR 2.5 has no --offline-backup");
        assertThat(bootstrapper("docker/dtr:2.5.11").render(new BootstrapperCommand.Backup(REPLICA, false)).argv())
                .doesNotContain("--offline-backup");
    }

    @Test
    void restoreStorageFlags() {
        Bootstrapper b = bootstrapper("docker/dtr:2.7.5");
        assertThat(b.render(new BootstrapperCommand.Restore(REPLICA, new StorageTarget.Volume("/mnt/new"))).argv())
                .endsWith("--replica-id", REPLICA, "--dtr-storage-volume", "/mnt/new");
        assertThat(b.render(new BootstrapperCommand.Restore(REPLICA, new StorageTarget.Nfs("nfs://h/d"))).argv())
                .endsWith("--nfs-storage-url", "nfs://h/d");
        Invocation cloud = b.render(new BootstrapperCommand.Restore(REPLICA, StorageTarget.parse("s3://b/p?region=us-east-1", "s")));
        assertThat(cloud.argv()).endsWith("--dtr-use-default-storage");
        assertThat(cloud.readsStdin()).isTrue();
        assertThat(cloud.argv()).doesNotContain("--log-driver");
    }

    @Test
    void restoreWithoutStorageIsRefusedFrom26() {
        assertThatThrownBy(() -> bootstrapper("docker/dtr:2.6.0").render(new BootstrapperCommand.Restore(REPLICA, null)))
                .hasMessageStartingWith("storage: required; DTR 2.6.0-2.6.3 restore must be told the storage");
        assertThat(bootstrapper("docker/dtr:2.5.3").render(new BootstrapperCommand.Restore(REPLICA, null)).argv())
                .endsWith("restore", "--ucp-url", "https://ucp.example.com", "--ucp-username", "admin", "--ucp-ca", CA,
                        "--replica-id", REPLICA);
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker/dtr:2.5.11", "docker/dtr:2.6.0", "docker/dtr:2.6.3"})
    void storageMigratedIsRefusedBefore264WithTheUpgradeAdvice(String image) {
        assertThatThrownBy(() -> bootstrapper(image).render(
                new BootstrapperCommand.Reconfigure(REPLICA, new StorageTarget.Volume("/mnt/new"), true, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("storageMigrated: ")
                .hasMessageContaining("has no --storage-migrated")
                .hasMessageContaining("Upgrade to DTR 2.6.4 or later first");
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker/dtr:2.6.4", "docker/dtr:2.7.5", "mirantis/dtr:2.8.2", "mirantis/dtr:2.9.4"})
    void storageMigratedFrom264(String image) {
        assertThat(bootstrapper(image).render(
                new BootstrapperCommand.Reconfigure(REPLICA, new StorageTarget.Volume("new-volume"), true, false)).argv())
                .endsWith("reconfigure", "--ucp-url", "https://ucp.example.com", "--ucp-username", "admin", "--ucp-ca", CA,
                        "--existing-replica-id", REPLICA, "--dtr-storage-volume", "new-volume", "--storage-migrated");
    }

    @Test
    void aReconfigureThatWouldWipeTagsIsRefusedUnlessReinitializeIsExplicit() {
        assertThatThrownBy(() -> bootstrapper("docker/dtr:2.7.5").render(
                new BootstrapperCommand.Reconfigure(REPLICA, new StorageTarget.Nfs("nfs://h/d"), false, false)))
                .hasMessageStartingWith("storageMigrated: required; on DTR 2.6.4-2.7 switching storage without"
                        + " --storage-migrated wipes every tag");
        assertThatThrownBy(() -> bootstrapper("docker/dtr:2.7.5").render(
                new BootstrapperCommand.Reconfigure(REPLICA, new StorageTarget.Nfs("nfs://h/d"), false, true)))
                .hasMessageStartingWith("reinitializeStorage: DTR 2.6.4-2.7 has no --reinitialize-storage");
        assertThat(bootstrapper("mirantis/dtr:2.9.4").render(
                new BootstrapperCommand.Reconfigure(REPLICA, new StorageTarget.Nfs("nfs://h/d"), false, true)).argv())
                .endsWith("--nfs-storage-url", "nfs://h/d", "--reinitialize-storage")
                .doesNotContain("--storage-migrated");
        assertThatThrownBy(() -> new BootstrapperCommand.Reconfigure(REPLICA, new StorageTarget.Nfs("nfs://h/d"), true, true))
                .hasMessageContaining("choose one");
        assertThatThrownBy(() -> new BootstrapperCommand.Reconfigure(REPLICA,
                StorageTarget.parse("azure://c0ntainer/p?account=acct1", "storage"), true, false))
                .hasMessageStartingWith("storage: cloud storage");
    }

    @Test
    void replicaIdsAreChecked() {
        assertThatThrownBy(() -> new BootstrapperCommand.Backup("A1B2", false)).hasMessageStartingWith("replicaId: 'A1B2' is not");
        assertThatThrownBy(() -> new BootstrapperCommand.Backup(" ", false)).hasMessageStartingWith("replicaId: required");
    }

    @Test
    void pull() {
        assertThat(bootstrapper("mirantis/dtr:2.9.4").pull().argv()).containsExactly("docker", "pull", "mirantis/dtr:2.9.4");
        assertThat(bootstrapper("mirantis/dtr:2.9.4").pull().environment()).isEmpty();
    }
}
