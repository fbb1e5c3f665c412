package org.dtrmigration.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StorageLocationParserTest {

    @Test
    void filesystemUris() {
        assertThat(StorageLocation.parse("file:///var/lib/registry", "--from")).isEqualTo(new FilesystemLocation("/var/lib/registry"));
        assertThat(StorageLocation.parse("file:///var/lib/registry/", "--from")).isEqualTo(new FilesystemLocation("/var/lib/registry"));
        assertThat(StorageLocation.parse("file://localhost/mnt/nfs%20share", "--from")).isEqualTo(new FilesystemLocation("/mnt/nfs share"));
        assertThat(StorageLocation.parse("/mnt/dtr", "--from")).isEqualTo(new FilesystemLocation("/mnt/dtr"));
    }

    @Test
    void s3Uris() {
        assertThat(StorageLocation.parse("s3://my-bucket/dtr/root?region=eu-west-1", "--to"))
                .isEqualTo(new S3Location("my-bucket", "dtr/root", "eu-west-1", null, false));
        assertThat(StorageLocation.parse("s3://my-bucket", "--to")).isEqualTo(new S3Location("my-bucket", "", null, null, false));
        S3Location minio = (S3Location) StorageLocation.parse("s3://reg/?region=us-east-1&endpoint=http://127.0.0.1:9000", "--to");
        assertThat(minio.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(minio.pathStyle()).as("an endpoint implies path-style").isTrue();
        assertThat(minio.prefix()).isEmpty();
        S3Location virtualHost = (S3Location) StorageLocation.parse("s3://reg/p?endpoint=https://s3.example.com/&pathstyle=false", "--to");
        assertThat(virtualHost.pathStyle()).isFalse();
        assertThat(virtualHost.endpoint()).isEqualTo(URI.create("https://s3.example.com"));
        assertThat(((S3Location) StorageLocation.parse("s3://b/p?region=none&endpoint=http://h:1", "--to")).region()).isNull();
    }

    @Test
    void azureUris() {
        AzureLocation real = (AzureLocation) StorageLocation.parse("azure://registry/dtr?account=mystorage", "--to");
        assertThat(real).isEqualTo(new AzureLocation("registry", "dtr", "mystorage",
                URI.create("https://mystorage.blob.core.windows.net"), false));
        AzureLocation azurite = (AzureLocation) StorageLocation.parse(
                "azure://registry?endpoint=http://127.0.0.1:10000/devstoreaccount1&legacyrootprefix=true", "--to");
        assertThat(azurite.account()).isEqualTo("devstoreaccount1");
        assertThat(azurite.endpoint()).isEqualTo(URI.create("http://127.0.0.1:10000/devstoreaccount1"));
        assertThat(azurite.legacyRootPrefix()).isTrue();
        AzureLocation china = (AzureLocation) StorageLocation.parse("azure://c0n/x?account=acct&realm=core.chinacloudapi.cn", "--to");
        assertThat(china.endpoint()).isEqualTo(URI.create("https://acct.blob.core.chinacloudapi.cn"));
        AzureLocation fromConnectionString = (AzureLocation) StorageLocation.parse("azure://registry/p", "--to");
        assertThat(fromConnectionString.account()).isNull();
        assertThat(fromConnectionString.endpoint()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "file:///var/lib/registry",
        "s3://bucket/a/b?region=us-east-1",
        "s3://bucket/?region=us-east-1&endpoint=http://127.0.0.1:9000",
        "s3://bucket/p?endpoint=http://127.0.0.1:9000&pathstyle=false",
        "azure://container/p?account=acct",
        "azure://container/?endpoint=http://127.0.0.1:10000/devstoreaccount1&legacyrootprefix=true",
        "azure://container/x?account=acct&realm=core.chinacloudapi.cn",
        "azure://container/with%20space"
    })
    void toUriRoundTrips(String uri) {
        StorageLocation location = StorageLocation.parse(uri, "--x");
        assertThat(StorageLocation.parse(location.toUri(), "--x")).isEqualTo(location);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "s3:///prefix                              | --to: s3 location needs a bucket: s3://BUCKET/prefix",
        "s3://                                     | --to: s3 location needs a bucket",
        "azure:///prefix                           | --to: azure location needs a container: azure://CONTAINER/prefix",
        "azure://UPPER/x                           | --to: azure container name 'UPPER' is not valid",
        "gs://bucket/x                             | --to: unsupported storage scheme 'gs'",
        "bucket/prefix                             | --to: not a storage location; expected file:///absolute/path",
        "file://host/path                          | --to: file location names a host",
        "file:///a/../b                            | --to: file location path must be absolute and normalized",
        "s3://b/p?regoin=us-east-1                 | --to: unknown s3 location parameter 'regoin'; expected endpoint, pathstyle, region",
        "s3://b/p?region=US_EAST                   | --to: region 'US_EAST' is not an AWS region name",
        "s3://b/p?endpoint=ftp://x                 | --to: endpoint must be an http:// or https:// URL",
        "s3://b/p?pathstyle=yes                    | --to: pathstyle must be true or false",
        "s3://b/a//b                               | --to: prefix must not contain '//'",
        "s3://b/p?region=us-east-1&region=eu-west-1 | --to: parameter 'region' given twice",
        "azure://cont/p?account=a&endpoint=http://h | --to: azure location takes either ?endpoint=URL or ?account=NAME",
        "azure://cont/p?account=Bad_Name           | --to: account 'Bad_Name' is not a storage account name",
        "azure://cont/p?realm=x                    | --to: azure location has ?realm= but no ?account=NAME",
    })
    void badInputNamesTheParameterAndWhatIsExpected(String input, String message) {
        assertThatThrownBy(() -> StorageLocation.parse(input, "--to"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void emptyInput() {
        assertThatThrownBy(() -> StorageLocation.parse("  ", "from")).hasMessageStartingWith("from: missing storage location");
        assertThatThrownBy(() -> StorageLocation.parse(null, "from")).hasMessageStartingWith("from: missing storage location");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "s3://AKIAEXAMPLE:sup3rs3cr3t@bucket/p",
        "s3://bucket/p?endpoint=http://AKIAEXAMPLE:sup3rs3cr3t@127.0.0.1:9000",
        "azure://cont/p?sig=sup3rs3cr3t",
        "azure://cont/p?endpoint=https://acct.blob.core.windows.net/?sv=2020&sig=sup3rs3cr3t",
    })
    void secretsPastedIntoALocationAreRejectedWithoutBeingEchoed(String input) {
        assertThatThrownBy(() -> StorageLocation.parse(input, "--from"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--from: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sup3rs3cr3t"));
    }

    @Test
    void dtrS3Config() {
        Map<String, Object> config = Map.of("storage", Map.of(
                "s3", Map.of("bucket", "dtr-images", "region", "us-west-2", "rootdirectory", "/dtr/", "accesskey", "AKIA", "secretkey", "sup3rs3cr3t"),
                "delete", Map.of("enabled", true)));
        StorageLocation location = StorageLocation.fromDtrConfig(config, "dtrStorage");
        assertThat(location).isEqualTo(new S3Location("dtr-images", "dtr", "us-west-2", null, false));
        assertThat(location.toString()).doesNotContain("sup3rs3cr3t");
        assertThat(location.toUri()).doesNotContain("sup3rs3cr3t");
    }

    @Test
    void dtrS3CompatibleConfig() {
        S3Location minio = (S3Location) StorageLocation.fromDtrConfig(Map.of(
                "s3", Map.of("bucket", "dtr", "region", "none", "regionendpoint", "minio.local:9000", "secure", false)), "dtrStorage");
        assertThat(minio.endpoint()).isEqualTo(URI.create("http://minio.local:9000"));
        assertThat(minio.region()).isNull();
        assertThat(minio.pathStyle()).isTrue();
        S3Location https = (S3Location) StorageLocation.fromDtrConfig(Map.of(
                "s3", Map.of("bucket", "dtr", "region", "us-east-1", "regionendpoint", "https://ceph.example.com")), "dtrStorage");
        assertThat(https.endpoint()).isEqualTo(URI.create("https://ceph.example.com"));
    }

    @Test
    void dtrAzureConfigDefaultsToTheLegacyLeadingSlash() {
        AzureLocation azure = (AzureLocation) StorageLocation.fromDtrConfig(Map.of(
                "azure", Map.of("accountname", "dtrstore", "accountkey", "sup3rs3cr3t", "container", "registry")), "dtrStorage");
        assertThat(azure).isEqualTo(new AzureLocation("registry", "", "dtrstore", URI.create("https://dtrstore.blob.core.windows.net"), true));
        assertThat(azure.toString()).doesNotContain("sup3rs3cr3t");
        AzureLocation trimmed = (AzureLocation) StorageLocation.fromDtrConfig(Map.of(
                "azure", Map.of("accountname", "dtrstore", "container", "registry", "realm", "core.usgovcloudapi.net",
                        "trimlegacyrootprefix", "true")), "dtrStorage");
        assertThat(trimmed.legacyRootPrefix()).isFalse();
        assertThat(trimmed.endpoint()).isEqualTo(URI.create("https://dtrstore.blob.core.usgovcloudapi.net"));
    }

    @Test
    void dtrFilesystemConfig() {
        assertThat(StorageLocation.fromDtrConfig(Map.of("filesystem", Map.of("rootdirectory", "/storage")), "dtrStorage"))
                .isEqualTo(new FilesystemLocation("/storage"));
    }

    @Test
    void badDtrConfigs() {
        assertThatThrownBy(() -> StorageLocation.fromDtrConfig(Map.of("s3", Map.of("region", "us-east-1")), "dtrStorage"))
                .hasMessage("dtrStorage: s3 storage configuration needs 'bucket'");
        assertThatThrownBy(() -> StorageLocation.fromDtrConfig(Map.of("azure", Map.of("accountname", "acct")), "dtrStorage"))
                .hasMessage("dtrStorage: azure storage configuration needs 'container'");
        assertThatThrownBy(() -> StorageLocation.fromDtrConfig(Map.of("gcs", Map.of("bucket", "b")), "dtrStorage"))
                .hasMessageStartingWith("dtrStorage: DTR storage driver 'gcs' is not supported");
        assertThatThrownBy(() -> StorageLocation.fromDtrConfig(Map.of("delete", Map.of()), "dtrStorage"))
                .hasMessageStartingWith("dtrStorage: DTR storage configuration names no driver");
        assertThatThrownBy(() -> StorageLocation.fromDtrConfig(Map.of("s3", Map.of("bucket", "b"), "azure", Map.of()), "dtrStorage"))
                .hasMessageStartingWith("dtrStorage: DTR storage configuration names two drivers");
    }

    /** DTR's storage maps as Jenkinsfiles pass them; the Pipeline steps hand each on as its {@code toUri()}. */
    static Stream<Map<String, Object>> dtrMaps() {
        return Stream.of(
                Map.of("filesystem", Map.of("rootdirectory", "/mnt/dtr-nfs")),
                Map.of("filesystem", Map.of()),
                Map.of("filesystem", Map.of("rootdirectory", "/mnt/nfs share/dtr")),
                Map.of("storage", Map.of("s3", Map.of("bucket", "dtr-new", "region", "eu-west-1", "rootdirectory", "/dtr/"))),
                Map.of("s3", Map.of("bucket", "dtr", "region", "none", "regionendpoint", "minio.local:9000", "secure", false)),
                Map.of("s3", Map.of("bucket", "dtr", "region", "us-east-1", "regionendpoint", "https://ceph.example.com",
                        "forcepathstyle", false)),
                Map.of("s3", Map.of("bucket", "b", "region", "us-east-1", "rootdirectory", "a/b c")),
                Map.of("azure", Map.of("accountname", "dtrstore", "container", "registry")),
                Map.of("azure", Map.of("accountname", "dtrstore", "container", "registry", "realm", "core.chinacloudapi.cn",
                        "rootdirectory", "dtr", "trimlegacyrootprefix", true)),
                Map.of("azure", Map.of("accountname", "devstoreaccount1", "container", "registry",
                        "serviceurl", "http://127.0.0.1:10000/devstoreaccount1")));
    }

    @ParameterizedTest
    @MethodSource("dtrMaps")
    void aDtrMapSurvivesItsUri(Map<String, Object> map) {
        StorageLocation location = StorageLocation.fromDtrConfig(map, "from");
        assertThat(StorageLocation.parse(location.toUri(), "from")).isEqualTo(location);
    }

    @Test
    void aDtrMapMayHoldInterpolatedText() {
        // A Jenkinsfile's "${…}" is a GString: a CharSequence, not a String.
        Map<String, Object> map = Map.of("s3", Map.of("bucket", new StringBuilder("dtr-new"), "region", "eu-west-1",
                "rootdirectory", new StringBuilder("/dtr")));
        assertThat(StorageLocation.fromDtrConfig(map, "to")).isEqualTo(new S3Location("dtr-new", "dtr", "eu-west-1", null, false));
        assertThatThrownBy(() -> StorageLocation.fromDtrConfig(Map.of("s3", Map.of("bucket", List.of("b"))), "to"))
                .hasMessage("to: DTR storage parameter 'bucket' must be a string");
    }

    @Test
    void locationsSerialize() throws Exception {
        for (String uri : new String[] {"file:///x", "s3://b/p?endpoint=http://127.0.0.1:9000", "azure://cont/p?account=acct"}) {
            StorageLocation location = StorageLocation.parse(uri, "x");
            assertThat(roundTrip(location)).isEqualTo(location);
        }
    }

    static Object roundTrip(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
