package org.dtrmigration.bootstrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dtrmigration.storage.FilesystemLocation;
import org.dtrmigration.storage.S3Location;
import org.junit.jupiter.api.Test;

class StorageTargetTest {

    @Test
    void textForms() {
        assertThat(StorageTarget.parse("volume:dtr-registry-new", "storage")).isEqualTo(new StorageTarget.Volume("dtr-registry-new"));
        StorageTarget path = StorageTarget.parse("/mnt/registry", "storage");
        assertThat(path).isEqualTo(new StorageTarget.Volume("/mnt/registry"));
        assertThat(path.readableLocation()).contains(new FilesystemLocation("/mnt/registry"));
        assertThat(StorageTarget.parse("file:///mnt/registry", "storage")).isEqualTo(path);
        StorageTarget nfs = StorageTarget.parse("nfs://nfs.example.com/exports/dtr", "storage");
        assertThat(nfs).isEqualTo(new StorageTarget.Nfs("nfs://nfs.example.com/exports/dtr"));
        assertThat(nfs.readableLocation()).isEmpty();
        StorageTarget s3 = StorageTarget.parse("s3://bucket/registry?region=eu-west-1", "storage");
        assertThat(s3).isInstanceOf(StorageTarget.Cloud.class);
        assertThat(((StorageTarget.Cloud) s3).location()).isInstanceOf(S3Location.class);
        assertThat(StorageTarget.parse("volume:x1", "storage").readableLocation()).isEmpty();
    }

    @Test
    void badTextNamesTheParameter() {
        assertThatThrownBy(() -> StorageTarget.parse("", "storage")).hasMessageStartingWith("storage: required");
        assertThatThrownBy(() -> StorageTarget.parse("volume:../etc", "--storage")).hasMessageStartingWith("--storage: not a Docker volume");
        assertThatThrownBy(() -> StorageTarget.parse("nfs://host", "storage")).hasMessageStartingWith("storage: expected nfs://host/");
        assertThatThrownBy(() -> StorageTarget.parse("ftp://x/y", "storage")).hasMessageStartingWith("storage: unsupported storage scheme");
    }

    @Test
    void aReplicasOwnVolumeIsRecognisedByNameOrByAPathThroughIt() {
        java.util.List<String> replicas = java.util.List.of("a1b2c3d4e5f6", "0f0e0d0c0b0a");
        assertThat(new StorageTarget.Volume("dtr-registry-a1b2c3d4e5f6").localVolumeOf(replicas)).contains("a1b2c3d4e5f6");
        assertThat(new StorageTarget.Volume("dtr-nfs-registry-0f0e0d0c0b0a").localVolumeOf(replicas)).contains("0f0e0d0c0b0a");
        assertThat(new StorageTarget.Volume("/var/lib/docker/volumes/dtr-registry-a1b2c3d4e5f6/_data").localVolumeOf(replicas))
                .contains("a1b2c3d4e5f6");
        // Other volumes, another replica's, and names that only contain an id are not.
        assertThat(new StorageTarget.Volume("dtr-registry-new").localVolumeOf(replicas)).isEmpty();
        assertThat(new StorageTarget.Volume("dtr-registry-ffffffffffff").localVolumeOf(replicas)).isEmpty();
        assertThat(new StorageTarget.Volume("/mnt/a1b2c3d4e5f6/registry").localVolumeOf(replicas)).isEmpty();
        assertThat(new StorageTarget.Volume("dtr-registry-a1b2c3d4e5f6").localVolumeOf(java.util.List.of())).isEmpty();
    }
}
