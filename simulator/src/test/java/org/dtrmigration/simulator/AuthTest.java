package org.dtrmigration.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dtrmigration.simulator.http.RequestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthTest {
    static final List<String> ADMIN_PATHS = List.of(
            "/api/v0/meta/settings", "/api/v0/meta/cluster_status", "/api/v0/jobs", "/api/v0/crons");

    @TempDir
    Path dir;
    DtrSimulator sim;
    Api api;

    @BeforeEach
    void start() throws IOException {
        sim = Sims.start(dir);
        api = new Api(sim.url());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v0/meta/settings", "/api/v0/meta/cluster_status", "/api/v0/meta/features",
        "/api/v0/jobs", "/api/v0/crons", "/api/v0/repositories"})
    void missingCredentialsAre401WithDtrErrorJson(String path) throws IOException {
        Api.Reply reply = api.send("GET", path, null, null, null);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.errorCode()).isEqualTo("NOT_AUTHENTICATED");
    }

    @Test
    void wrongTokenUnknownUserAndGarbageHeadersAre401() throws IOException {
        assertThat(api.get("/api/v0/meta/features", Api.ADMIN, "wrong").status()).isEqualTo(401);
        assertThat(api.get("/api/v0/meta/features", "nobody", Api.ADMIN_TOKEN).status()).isEqualTo(401);
        assertThat(api.get("/api/v0/meta/features", Api.DEV, Api.ADMIN_TOKEN).status()).as("another user's token").isEqualTo(401);
        for (String header : new String[] {"Bearer abc", "Basic !!!notbase64", "Basic " + java.util.Base64.getEncoder().encodeToString("nocolon".getBytes())}) {
            okhttp3.Request request = new okhttp3.Request.Builder().url(sim.url().resolve("/api/v0/meta/features").toString())
                    .header("Authorization", header).build();
            try (okhttp3.Response response = new okhttp3.OkHttpClient().newCall(request).execute()) {
                assertThat(response.code()).as(header).isEqualTo(401);
            }
        }
    }

    @Test
    void nonAdminsAre403OnAdminEndpoints() throws IOException {
        for (String path : ADMIN_PATHS) {
            Api.Reply reply = api.get(path, Api.DEV, Api.DEV_TOKEN);
            assertThat(reply.status()).as(path).isEqualTo(403);
            assertThat(reply.errorCode()).as(path).isEqualTo("NOT_AUTHORIZED");
            assertThat(api.get(path).status()).as("admin on " + path).isEqualTo(200);
        }
        Api.Reply post = api.post("/api/v0/meta/settings", "{\"readOnlyRegistry\":true}", Api.DEV, Api.DEV_TOKEN);
        assertThat(post.status()).isEqualTo(403);
        assertThat(sim.isReadOnly()).isFalse();
        assertThat(api.post("/api/v0/jobs", "{\"action\":\"onlinegc_blobs\"}", Api.DEV, Api.DEV_TOKEN).status()).isEqualTo(403);
        assertThat(sim.jobs().list(null, null, null, 0, 100)).isEmpty();
    }

    @Test
    void nonAdminsMayReadRepositoriesAndFeatures() throws IOException {
        assertThat(api.get("/api/v0/repositories", Api.DEV, Api.DEV_TOKEN).status()).isEqualTo(200);
        assertThat(api.get("/api/v0/meta/features", Api.DEV, Api.DEV_TOKEN).status()).isEqualTo(200);
    }

    @Test
    void secretsShowNowhere() throws IOException {
        api.get("/api/v0/meta/settings");
        api.get("/api/v0/meta/settings", Api.ADMIN, "wrong-token-zzz");
        List<RequestRecord> requests = sim.requests();
        assertThat(requests).extracting(RequestRecord::user).containsExactly("admin", null);
        assertThat(requests.toString()).doesNotContain(Api.ADMIN_TOKEN).doesNotContain("wrong-token-zzz");
        assertThat(sim.config().toString()).doesNotContain(Api.ADMIN_TOKEN).doesNotContain(Api.DEV_TOKEN);
    }

    @Test
    void withoutAConfiguredAdminARandomOneIsCreated() throws IOException {
        SimulatorConfig config = DtrSimulator.builder().storage(new org.dtrmigration.storage.FilesystemStore(dir)).build();
        assertThat(config.admin().name()).isEqualTo("admin");
        assertThat(config.admin().token().reveal()).hasSize(32);
        SimulatorConfig other = DtrSimulator.builder().storage(new org.dtrmigration.storage.FilesystemStore(dir)).build();
        assertThat(other.admin().token()).isNotEqualTo(config.admin().token());
    }
}
