package org.dtrmigration.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.dtrmigration.secret.Secret;
import org.dtrmigration.testing.AzuriteServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Azure-specific behaviour beyond the contract: legacy names, SAS, connection strings, retries. */
class AzureBlobStoreTest {

    private static final String CONTAINER = "azure-specific";
    private static AzuriteServer azurite;
    private static BlobContainerClient raw;

    @BeforeAll
    static void start() throws Exception {
        azurite = AzuriteServer.startOrSkip();
        azurite.createContainer(CONTAINER);
        raw = azurite.serviceClient().getBlobContainerClient(CONTAINER);
    }

    @AfterAll
    static void stop() {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Test
    void legacyRootPrefixKeepsTheLeadingSlash() throws IOException {
        AzureLocation legacy = new AzureLocation(CONTAINER, "", AzuriteServer.ACCOUNT, azurite.serviceUrl(), true);
        try (ObjectStore store = new StoreFactory().open(legacy, azurite.credentials())) {
            store.write("docker/registry/v2/legacy", "x".getBytes(StandardCharsets.UTF_8));
            assertThat(raw.listBlobs().stream().map(BlobItem::getName)).contains("/docker/registry/v2/legacy");
            assertThat(store.list("docker/").toList()).extracting(ObjectInfo::key).containsExactly("docker/registry/v2/legacy");
            assertThat(store.readAllBytes("docker/registry/v2/legacy")).isEqualTo("x".getBytes(StandardCharsets.UTF_8));
        }
        // The same container seen without the legacy switch does not mistake '/docker/…' for its own keys.
        try (ObjectStore plain = new StoreFactory().open(azurite.location(CONTAINER, ""), azurite.credentials())) {
            assertThat(plain.list("").toList()).extracting(ObjectInfo::key).doesNotContain("docker/registry/v2/legacy", "/docker/registry/v2/legacy");
        }
    }

    @Test
    void sasTokenAndConnectionStringWork() throws IOException {
        String sas = raw.generateSas(new BlobServiceSasSignatureValues(OffsetDateTime.now().plusHours(1),
                BlobContainerSasPermission.parse("racwdl")));
        try (ObjectStore store = new StoreFactory().open(azurite.location(CONTAINER, "sas"), new AzureCredentials.SasToken(Secret.of("?" + sas)))) {
            store.write("k", "v".getBytes(StandardCharsets.UTF_8));
            assertThat(store.list("").toList()).extracting(ObjectInfo::key).containsExactly("k");
        }
        AzureLocation noEndpoint = (AzureLocation) StorageLocation.parse("azure://" + CONTAINER + "/sas", "--from");
        StorageCredentials fromEnv = new EnvironmentCredentials(Map.of("AZURE_STORAGE_CONNECTION_STRING", azurite.connectionString()))
                .resolve(noEndpoint, "--from");
        try (ObjectStore store = new StoreFactory().open(noEndpoint, fromEnv)) {
            assertThat(store.readAllBytes("k")).isEqualTo("v".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void readOnlySasIsDeniedClearly() throws IOException {
        String sas = raw.generateSas(new BlobServiceSasSignatureValues(OffsetDateTime.now().plusHours(1),
                BlobContainerSasPermission.parse("rl")));
        try (ObjectStore store = new StoreFactory().open(azurite.location(CONTAINER, "ro"), new AzureCredentials.SasToken(Secret.of(sas)))) {
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> store.write("k", new byte[] {1}));
            assertThat(t).isInstanceOf(StorageAccessException.class).hasMessageContaining("container '" + CONTAINER + "'");
            String signature = sas.replaceAll(".*sig=([^&]*).*", "$1");
            for (Throwable c = t; c != null; c = c.getCause()) {
                assertThat(String.valueOf(c.getMessage())).doesNotContain(signature);
            }
        }
    }

    @Test
    void serverBusyIsRetried() throws Exception {
        try (MockWebServer mock = new MockWebServer()) {
            mock.enqueue(new MockResponse().setResponseCode(503).setHeader("x-ms-error-code", "ServerBusy")
                    .setBody("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>ServerBusy</Code><Message>busy</Message></Error>"));
            mock.enqueue(new MockResponse().setResponseCode(201).setHeader("ETag", "\"0x1\"")
                    .setHeader("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT"));
            mock.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            URI endpoint = URI.create("http://127.0.0.1:" + mock.getPort() + "/devstoreaccount1");
            StoreOptions options = StoreOptions.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
            try (ObjectStore store = new StoreFactory(options).open(new AzureLocation("c0ntainer", "", "devstoreaccount1", endpoint, false),
                    azurite.credentials())) {
                store.write("k", "a".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(mock.getRequestCount()).isEqualTo(2);
            mock.takeRequest();
            assertThat(mock.takeRequest().getHeader("Content-MD5")).isEqualTo("DMF1ucDxtqgxw5niaXcmYQ==");
        }
    }

    @Test
    void listsOnlyBlobsUnderTheRoot() throws IOException {
        raw.getBlobClient("rootless/y").upload(com.azure.core.util.BinaryData.fromString("y"));
        try (ObjectStore store = new StoreFactory().open(azurite.location(CONTAINER, "root"), azurite.credentials())) {
            store.write("x", new byte[] {1});
            assertThat(store.list("").toList()).extracting(ObjectInfo::key).isEqualTo(List.of("x"));
        }
    }
}
