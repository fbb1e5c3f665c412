package org.dtrmigration.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.layout.WrittenImage;
import org.dtrmigration.simulator.storage.StorageMode;
import org.dtrmigration.storage.ObjectInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageApiTest {

    @TempDir
    Path dir;
    DtrSimulator sim;
    Api api;

    void start(String version) throws IOException {
        sim = Sims.builder(dir).version(version).start();
        api = new Api(sim.url());
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    /** A copy of the current storage in a new directory, as a storage copier would make. */
    Path copy() throws IOException {
        Path target = Files.createDirectories(dir.resolve("copy"));
        for (ObjectInfo info : sim.storage().list("").toList()) {
            Path p = target.resolve(info.key());
            Files.createDirectories(p.getParent());
            Files.write(p, sim.storage().readAllBytes(info.key()));
        }
        return target;
    }

    String put(Path root, boolean keep, Boolean readOnly) throws IOException {
        String maintenance = readOnly == null ? "" : ",\"maintenance\":{\"readonly\":{\"enabled\":" + readOnly + "}}";
        return "{\"storage\":{\"filesystem\":{\"rootdirectory\":\"" + root + "\"}" + maintenance + "},\"keep_metadata\":" + keep + "}";
    }

    @Test
    void getShowsTheDriverAndReadOnly() throws Exception {
        start("2.7.5");
        sim.setReadOnly(true);
        JsonNode doc = api.get("/api/v0/admin/settings/registry").json();
        assertThat(doc.path("storage").path("filesystem").path("rootdirectory").asText()).isEqualTo("/storage");
        assertThat(doc.path("storage").path("maintenance").path("readonly").path("enabled").asBoolean()).isTrue();
        assertThat(api.get("/api/v0/admin/settings/registry", Api.DEV, Api.DEV_TOKEN).status()).isEqualTo(403);
    }

    @Test
    void keepMetadataKeepsTagsFrom266AndTheStorageMoves() throws Exception {
        start("2.7.5");
        WrittenImage v1 = sim.push("team/app", "v1");
        Path copy = copy();
        sim.setReadOnly(true);
        Api.Reply reply = api.send("PUT", "/api/v0/admin/settings/registry", put(copy, true, true), Api.ADMIN, Api.ADMIN_TOKEN);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(sim.storageState().mode()).isEqualTo(StorageMode.VOLUME);
        assertThat(sim.metadata().tag("team/app", "v1")).isPresent();
        assertThat(sim.isReadOnly()).isTrue();
        // New pushes land in the new storage.
        sim.setReadOnly(false);
        WrittenImage v2 = sim.push("team/app", "v2");
        assertThat(Files.exists(copy.resolve(RegistryLayout.blobData(v2.manifest())))).isTrue();
        assertThat(Files.exists(copy.resolve(RegistryLayout.blobData(v1.manifest())))).isTrue();
        assertThat(api.get("/api/v0/meta/settings").json().path("storageVolume").asText()).isEqualTo(copy.toString());
    }

    @Test
    void withoutKeepMetadataOrBefore266EveryTagIsGone() throws Exception {
        start("2.7.5");
        sim.push("team/app", "v1");
        Path copy = copy();
        api.send("PUT", "/api/v0/admin/settings/registry", put(copy, false, false), Api.ADMIN, Api.ADMIN_TOKEN);
        assertThat(sim.metadata().tags("team/app")).isEmpty();
        sim.close();
        sim = Sims.builder(dir.resolve("old")).version("2.6.5").start();
        api = new Api(sim.url());
        sim.push("team/app", "v1");
        api.send("PUT", "/api/v0/admin/settings/registry", put(Files.createDirectories(dir.resolve("x")), true, false),
                Api.ADMIN, Api.ADMIN_TOKEN);
        assertThat(sim.metadata().tags("team/app")).as("keep_metadata is ignored before 2.6.6").isEmpty();
    }

    @Test
    void aDocumentWithoutTheReadOnlyValueTurnsReadOnlyOff() throws Exception {
        start("2.7.5");
        sim.setReadOnly(true);
        api.send("PUT", "/api/v0/admin/settings/registry", put(copy(), true, null), Api.ADMIN, Api.ADMIN_TOKEN);
        assertThat(sim.isReadOnly()).isFalse();
    }

    @Test
    void badDocumentsAre400() throws Exception {
        start("2.7.5");
        assertThat(api.send("PUT", "/api/v0/admin/settings/registry", "{\"storage\":{}}", Api.ADMIN, Api.ADMIN_TOKEN).status())
                .isEqualTo(400);
        Api.Reply r = api.send("PUT", "/api/v0/admin/settings/registry",
                "{\"storage\":{\"s3\":{\"bucket\":\"b\",\"region\":\"us-east-1\",\"regionendpoint\":\"http://127.0.0.1:1\","
                        + "\"accesskey\":\"a\",\"secretkey\":\"SECRET-S3\"}}}", Api.ADMIN, Api.ADMIN_TOKEN);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("INVALID_STORAGE");
        assertThat(r.body()).doesNotContain("SECRET-S3");
    }
}
