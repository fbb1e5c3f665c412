package org.dtrmigration.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;
import org.dtrmigration.secret.Secret;
import org.dtrmigration.storage.AzureCredentials;
import org.dtrmigration.storage.AzureLocation;
import org.dtrmigration.storage.S3Credentials;
import org.dtrmigration.storage.S3Location;
import org.dtrmigration.storage.StorageCredentials;
import org.dtrmigration.storage.StorageLocation;
import org.junit.jupiter.api.Test;

class DtrStorageConfigTest {

    @SuppressWarnings("unchecked")
    static StorageLocation back(ObjectNode node) {
        return StorageLocation.fromDtrConfig(new ObjectMapper().convertValue(node, Map.class), "x");
    }

    @Test
    void s3RoundTripsThroughDtrsOwnConfigParser() {
        S3Location s3 = new S3Location("registry", "dtr/root", "us-east-1", URI.create("http://127.0.0.1:9000"), true);
        ObjectNode config = DtrStorageConfig.driverConfig(s3, S3Credentials.of("AKIA1", Secret.of("s3-secret")), "storage");
        assertThat(config.path("s3").path("accesskey").asText()).isEqualTo("AKIA1");
        assertThat(config.path("s3").path("secretkey").asText()).isEqualTo("s3-secret");
        assertThat(config.path("s3").path("rootdirectory").asText()).isEqualTo("/dtr/root");
        assertThat(config.path("s3").path("secure").asBoolean(true)).isFalse();
        assertThat(back(config)).isEqualTo(s3);
        // An instance role: no keys in the config.
        assertThat(DtrStorageConfig.driverConfig(s3, S3Credentials.defaultChain(), "storage").path("s3").has("accesskey")).isFalse();
        assertThatThrownBy(() -> DtrStorageConfig.driverConfig(s3, new S3Credentials.AccessKey("a", Secret.of("b"), Secret.of("t")),
                "storage")).hasMessageStartingWith("storage: DTR's S3 driver takes no session token");
        assertThatThrownBy(() -> DtrStorageConfig.driverConfig(new S3Location("b", "", null, null, false), S3Credentials.defaultChain(),
                "storage")).hasMessageStartingWith("storage: the S3 location needs ?region=");
    }

    @Test
    void azurePublicCloudAndEmulator() {
        AzureLocation cloud = new AzureLocation("registry", "", "acct1", AzureLocation.accountEndpoint("acct1", "core.windows.net"), true);
        ObjectNode config = DtrStorageConfig.driverConfig(cloud, new AzureCredentials.SharedKey(null, Secret.of("key==")), "storage");
        assertThat(config.path("azure").path("realm").asText()).isEqualTo("core.windows.net");
        assertThat(config.path("azure").path("accountkey").asText()).isEqualTo("key==");
        assertThat(back(config)).isEqualTo(cloud);
        AzureLocation azurite = new AzureLocation("registry", "p", "devstoreaccount1", URI.create("http://127.0.0.1:10000/devstoreaccount1"), true);
        ObjectNode emulator = DtrStorageConfig.driverConfig(azurite,
                new AzureCredentials.ConnectionString(Secret.of("AccountName=devstoreaccount1;AccountKey=k2==;BlobEndpoint=x")), "s");
        assertThat(emulator.path("azure").path("serviceurl").asText()).isEqualTo("http://127.0.0.1:10000/devstoreaccount1");
        assertThat(emulator.path("azure").path("accountkey").asText()).isEqualTo("k2==");
        assertThat(back(emulator)).isEqualTo(azurite);
        assertThatThrownBy(() -> DtrStorageConfig.driverConfig(new AzureLocation("registry", "", "acct1", null, false),
                new AzureCredentials.SharedKey("acct1", Secret.of("k")), "storage"))
                .hasMessageContaining("legacyrootprefix=true");
        assertThatThrownBy(() -> DtrStorageConfig.driverConfig(cloud, new AzureCredentials.SasToken(Secret.of("sv=1&sig=x")), "storage"))
                .hasMessageContaining("SAS token");
        assertThatThrownBy(() -> DtrStorageConfig.driverConfig(cloud, StorageCredentials.none(), "storage"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
