package org.dtrmigration.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaApiTest {
    @TempDir
    Path dir;
    DtrSimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private Api start(SimulatorConfig.Builder builder) throws IOException {
        sim = builder.start();
        return new Api(sim.url());
    }

    @Test
    void pingNeedsNoCredentials() throws IOException {
        Api api = start(Sims.builder(dir));
        Api.Reply reply = api.send("GET", "/_ping", null, null, null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().path("Healthy").asBoolean()).isTrue();
    }

    @Test
    void docsJsonReportsTheConfiguredVersion() throws IOException {
        Api api = start(Sims.builder(dir).version("2.6.4"));
        Api.Reply reply = api.send("GET", "/api/v0/docs.json", null, null, null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("info").path("version").asText()).isEqualTo("2.6.4");
        assertThat(reply.json().path("info").path("title").asText()).contains("Docker Trusted Registry");
    }

    @Test
    void msrDefaultsToItsOwnVersionAndName() throws IOException {
        Api api = start(Sims.builder(dir).product(Product.MSR));
        JsonNode info = api.get("/api/v0/docs.json").json().path("info");
        assertThat(info.path("version").asText()).isEqualTo("2.9.4");
        assertThat(info.path("title").asText()).contains("Mirantis Secure Registry");
    }

    @Test
    void featuresFollowTheVersion() throws IOException {
        Api api = start(Sims.builder(dir).version("2.5.3"));
        JsonNode old = api.get("/api/v0/meta/features", Api.DEV, Api.DEV_TOKEN).json();
        assertThat(old.path("onlineGCEnabled").asBoolean()).isFalse();
        sim.close();
        api = start(Sims.builder(dir).version("2.7.1"));
        JsonNode current = api.get("/api/v0/meta/features").json();
        assertThat(current.path("onlineGCEnabled").asBoolean()).isTrue();
        assertThat(current.path("metadataStoreOptedIn").asBoolean()).isTrue();
    }

    @Test
    void settingsHaveDtrFieldNames() throws IOException {
        Api api = start(Sims.builder(dir).dtrHost("dtr.corp:443").replicaIds("0123456789ab").nfs("nfs.corp", "/exports/dtr"));
        JsonNode settings = api.get("/api/v0/meta/settings").json();
        assertThat(settings.path("readOnlyRegistry").isBoolean()).isTrue();
        assertThat(settings.path("readOnlyRegistry").asBoolean()).isFalse();
        assertThat(settings.path("replicaID").asText()).isEqualTo("0123456789ab");
        assertThat(settings.path("dtrHost").asText()).isEqualTo("dtr.corp:443");
        assertThat(settings.path("nfsHost").asText()).isEqualTo("nfs.corp");
        assertThat(settings.path("nfsPath").asText()).isEqualTo("/exports/dtr");
        assertThat(settings.has("storageVolume")).isTrue();
    }

    @Test
    void partialSettingsUpdateAnswers202AndKeepsOtherFields() throws IOException {
        Api api = start(Sims.builder(dir).dtrHost("dtr.corp"));
        Api.Reply reply = api.post("/api/v0/meta/settings", "{\"readOnlyRegistry\": true}");
        assertThat(reply.status()).isEqualTo(202);
        JsonNode settings = api.get("/api/v0/meta/settings").json();
        assertThat(settings.path("readOnlyRegistry").asBoolean()).isTrue();
        assertThat(settings.path("dtrHost").asText()).isEqualTo("dtr.corp");
        assertThat(sim.isReadOnly()).isTrue();

        assertThat(api.post("/api/v0/meta/settings", "{\"readOnlyRegistry\": false, \"someFutureField\": 1}").status()).isEqualTo(202);
        assertThat(api.get("/api/v0/meta/settings").json().path("readOnlyRegistry").asBoolean()).isFalse();
    }

    @Test
    void badSettingsBodiesAre400InvalidSettingsAndChangeNothing() throws IOException {
        Api api = start(Sims.builder(dir).dtrHost("dtr.corp"));
        for (String body : new String[] {"", "not json", "[true]", "\"readOnlyRegistry\"", "{\"readOnlyRegistry\": \"yes\"}",
            "{\"readOnlyRegistry\": 1}", "{\"dtrHost\": \"changed\", \"readOnlyRegistry\": \"true\"}"}) {
            Api.Reply reply = api.post("/api/v0/meta/settings", body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.errorCode()).as(body).isEqualTo("INVALID_SETTINGS");
            assertThat(reply.json().path("errors").path(0).path("message").asText()).isNotEmpty();
        }
        JsonNode settings = api.get("/api/v0/meta/settings").json();
        assertThat(settings.path("dtrHost").asText()).isEqualTo("dtr.corp");
        assertThat(settings.path("readOnlyRegistry").asBoolean()).isFalse();
    }

    @Test
    void unknownPathsAndMethodsAnswerWithErrorJson() throws IOException {
        Api api = start(Sims.builder(dir));
        Api.Reply missing = api.get("/api/v0/nothing/here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("NOT_FOUND");
        Api.Reply wrongMethod = api.send("DELETE", "/api/v0/meta/settings", null, Api.ADMIN, Api.ADMIN_TOKEN);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void trailingSlashIsTheSameResource() throws IOException {
        Api api = start(Sims.builder(dir));
        assertThat(api.get("/api/v0/jobs/").status()).isEqualTo(200);
    }
}
