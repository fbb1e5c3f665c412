package org.dtrmigration.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.dtrmigration.registry.ClientOptions;
import org.dtrmigration.registry.DtrClient;
import org.dtrmigration.registry.DtrEndpoint;
import org.dtrmigration.registry.TlsOptions;
import org.dtrmigration.secret.Secret;
import org.dtrmigration.storage.S3Credentials;
import org.dtrmigration.storage.S3Location;
import org.junit.jupiter.api.Test;

/** The storage settings write as DTR sees it on the wire. */
class StorageSwitchTest {

    static MockResponse json(String body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(body);
    }

    @Test
    void carriesReadOnlyOverAndAsksToKeepMetadata() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(json("{\"readOnlyRegistry\":true}"));
            server.enqueue(json("{\"storage\":{\"filesystem\":{\"rootdirectory\":\"/storage\"},\"delete\":{\"enabled\":true}}}"));
            server.enqueue(json("{}"));
            server.enqueue(json("{\"readOnlyRegistry\":true}"));
            server.enqueue(json("{\"storage\":{\"s3\":{\"bucket\":\"b\"}}}"));
            Events events = new Events();
            S3Location s3 = new S3Location("b", "p", "eu-west-1", null, false);
            try (DtrClient client = new DtrClient(new DtrEndpoint(server.url("/").uri(), "admin", Secret.of("tok"),
                    TlsOptions.verified()), ClientOptions.defaults().withPollInterval(Duration.ofMillis(10)), events)) {
                new StorageSwitch(client, events, Duration.ofSeconds(5)).switchTo(
                        DtrStorageConfig.driverConfig(s3, S3Credentials.of("AK", Secret.of("SECRET-KEY-1")), "storage"),
                        s3.toUri(), true);
            }
            server.takeRequest();
            server.takeRequest();
            RecordedRequest put = server.takeRequest();
            assertThat(put.getMethod()).isEqualTo("PUT");
            assertThat(put.getPath()).isEqualTo("/api/v0/admin/settings/registry");
            JsonNode body = new ObjectMapper().readTree(put.getBody().readUtf8());
            assertThat(body.path("keep_metadata").asBoolean()).isTrue();
            assertThat(body.path("storage").path("maintenance").path("readonly").path("enabled").asBoolean()).isTrue();
            assertThat(body.path("storage").path("s3").path("bucket").asText()).isEqualTo("b");
            assertThat(body.path("storage").has("filesystem")).isFalse();
            assertThat(events.all()).doesNotContain("SECRET-KEY-1").contains("keep_metadata true, read-only true carried over");
        }
    }
}
