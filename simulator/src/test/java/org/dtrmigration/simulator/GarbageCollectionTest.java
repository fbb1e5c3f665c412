package org.dtrmigration.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dtrmigration.layout.Digest;
import org.dtrmigration.layout.Image;
import org.dtrmigration.layout.ManifestFormat;
import org.dtrmigration.layout.RegistryKey;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.layout.RegistryTreeWriter;
import org.dtrmigration.layout.SyntheticImages;
import org.dtrmigration.layout.WrittenImage;
import org.dtrmigration.simulator.crons.CronSpec;
import org.dtrmigration.simulator.metadata.MetadataSnapshot;
import org.dtrmigration.storage.ObjectInfo;
import org.dtrmigration.storage.ObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GarbageCollectionTest {
    static final SyntheticImages.Layer BASE = SyntheticImages.layer(100, 3000);

    @TempDir
    Path dir;
    DtrSimulator sim;
    ObjectStore storage;
    Api api;

    @BeforeEach
    void start() throws IOException {
        sim = Sims.builder(dir).cron(CronSpec.onlineGcWeekly()).start();
        storage = sim.config().storage();
        api = new Api(sim.url());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    static Image imageOnBase(long seed) {
        return SyntheticImages.image(seed, ManifestFormat.DOCKER, Image.Platform.LINUX_AMD64,
                List.of(BASE, SyntheticImages.layer(seed * 1000, 1500)));
    }

    private Set<Digest> blobsInStorage() throws IOException {
        Set<Digest> blobs = new HashSet<>();
        for (ObjectInfo info : storage.list(RegistryLayout.BLOBS).toList()) {
            if (RegistryLayout.classify(info.key()) instanceof RegistryKey.BlobData b) {
                blobs.add(b.digest());
            }
        }
        return blobs;
    }

    private JsonNode runJob(String action) throws Exception {
        Api.Reply reply = api.post("/api/v0/jobs", "{\"action\":\"" + action + "\"}");
        assertThat(reply.status()).isEqualTo(202);
        return api.awaitJob(reply.json().path("id").asText());
    }

    private String logText(String jobId) throws IOException {
        StringBuilder text = new StringBuilder();
        api.get("/api/v0/jobs/" + jobId + "/logs").json().forEach(l -> text.append(l.path("data").asText()).append('\n'));
        return text.toString();
    }

    private static Set<Digest> union(WrittenImage... images) {
        Set<Digest> all = new HashSet<>();
        for (WrittenImage i : images) {
            all.addAll(i.blobs());
        }
        return all;
    }

    @Test
    void onlineGcDeletesExactlyTheBlobsNoTagReferences() throws Exception {
        WrittenImage a = sim.push("team/a", "v1", imageOnBase(1));
        WrittenImage b = sim.push("team/b", "v1", imageOnBase(2));
        WrittenImage c = sim.push("team/c", "v1", imageOnBase(3));
        WrittenImage multi = sim.pushIndex("team/multi", "latest", List.of(
                SyntheticImages.image(4, ManifestFormat.DOCKER, Image.Platform.LINUX_AMD64, List.of(BASE, SyntheticImages.layer(40, 100))),
                SyntheticImages.image(5, ManifestFormat.DOCKER, new Image.Platform("linux", "arm64"), List.of(SyntheticImages.layer(50, 100)))));
        assertThat(blobsInStorage()).isEqualTo(union(a, b, c, multi));

        sim.deleteTag("team/b", "v1");
        JsonNode job = runJob("onlinegc_blobs");
        assertThat(job.path("status").asText()).isEqualTo("done");

        Set<Digest> kept = union(a, c, multi);
        Set<Digest> gone = new HashSet<>(b.blobs());
        gone.removeAll(kept);
        assertThat(gone).as("b's manifest, config and own layer").hasSize(3).doesNotContain(Digest.of(BASE.blob()));
        assertThat(blobsInStorage()).isEqualTo(kept);
        String log = logText(job.path("id").asText());
        for (Digest d : gone) {
            assertThat(log).contains("deleted blob " + d);
        }
        assertThat(log).contains("deleted 3 blobs");
    }

    @Test
    void blobsReachableOnlyThroughAManifestListSurvive() throws Exception {
        WrittenImage multi = sim.pushIndex("team/multi", "latest", List.of(
                SyntheticImages.image(6, ManifestFormat.OCI, Image.Platform.LINUX_AMD64, List.of(SyntheticImages.layer(60, 100))),
                SyntheticImages.image(7, ManifestFormat.OCI, new Image.Platform("linux", "arm64"), List.of(SyntheticImages.layer(70, 100)))));
        Digest orphan = new RegistryTreeWriter(storage).putBlob(new byte[] {1, 2, 3});
        assertThat(runJob("onlinegc_blobs").path("status").asText()).isEqualTo("done");
        assertThat(blobsInStorage()).isEqualTo(multi.blobs()).doesNotContain(orphan);
    }

    @Test
    void distributionStyleGcKeepsUntaggedRevisionsOnlineGcDoesNot() throws Exception {
        WrittenImage a = sim.push("team/a", "v1", imageOnBase(1));
        WrittenImage b = sim.push("team/a", "v2", imageOnBase(2));
        sim.deleteTag("team/a", "v2"); // the revision link stays in storage
        assertThat(runJob("gc").path("status").asText()).isEqualTo("done");
        assertThat(blobsInStorage()).isEqualTo(union(a, b));
        assertThat(runJob("onlinegc_blobs").path("status").asText()).isEqualTo("done");
        assertThat(blobsInStorage()).isEqualTo(a.blobs());
    }

    @Test
    void gcRunsWhileReadOnlyAndACronCanFireItInTheWindow() throws Exception {
        WrittenImage a = sim.push("team/a", "v1", imageOnBase(1));
        WrittenImage b = sim.push("team/a", "v2", imageOnBase(2));
        sim.deleteTag("team/a", "v2");
        assertThat(api.post("/api/v0/meta/settings", "{\"readOnlyRegistry\":true}").status()).isEqualTo(202);
        assertThat(sim.replicaReadOnly()).containsValue(true);

        String id = sim.fireCron("onlinegc").id();
        JsonNode job = api.awaitJob(id);
        assertThat(job.path("status").asText()).isEqualTo("done");
        assertThat(logText(id)).contains("metadata garbage collection finished");
        Set<Digest> gone = new HashSet<>(b.blobs());
        gone.removeAll(a.blobs());
        assertThat(blobsInStorage()).isEqualTo(a.blobs()).doesNotContainAnyElementsOf(gone);
    }

    @Test
    void afterRestoringOlderMetadataOnlineGcDeletesImagesPushedSince() throws Exception {
        WrittenImage before = sim.push("team/a", "v1", imageOnBase(1));
        MetadataSnapshot backup = sim.metadata().snapshot();
        WrittenImage after = sim.push("team/a", "v2", imageOnBase(2));
        sim.metadata().restore(backup);

        assertThat(runJob("onlinegc_blobs").path("status").asText()).isEqualTo("done");
        assertThat(blobsInStorage()).isEqualTo(before.blobs());
        assertThat(storage.stat(RegistryLayout.blobData(after.manifest()))).isEmpty();
        // storage still has the tag: exactly the "storage and metadata out of sync" failure
        assertThat(storage.stat(RegistryLayout.tagCurrentLink("team/a", "v2"))).isPresent();
    }

    @Test
    void unreadableTaggedManifestFailsTheJobBeforeAnythingIsDeleted() throws Exception {
        WrittenImage a = sim.push("team/a", "v1", imageOnBase(1));
        Digest orphan = new RegistryTreeWriter(storage).putBlob(new byte[] {9, 9});
        storage.delete(RegistryLayout.blobData(a.manifest()));
        JsonNode job = runJob("onlinegc_blobs");
        assertThat(job.path("status").asText()).isEqualTo("errored");
        assertThat(logText(job.path("id").asText())).contains("team/a:v1").contains("nothing was deleted");
        assertThat(blobsInStorage()).contains(orphan);
    }

    @Test
    void oneGcAtATimeAndTheLockHolderShowsInClusterStatus() throws Exception {
        sim.push("team/a", "v1", imageOnBase(1));
        Digest orphan = new RegistryTreeWriter(storage).putBlob(new byte[] {7});
        sim.faults().jobStepDelay(Duration.ofSeconds(30));
        String first = api.post("/api/v0/jobs", "{\"action\":\"onlinegc_blobs\"}").json().path("id").asText();
        api.await("/api/v0/meta/cluster_status", r -> r.json().path("gc_lock_holder").asText().equals(first));

        String second = api.post("/api/v0/jobs", "{\"action\":\"onlinegc\"}").json().path("id").asText();
        JsonNode refused = api.awaitJob(second);
        assertThat(refused.path("status").asText()).isEqualTo("errored");
        assertThat(logText(second)).contains("already running");

        assertThat(api.post("/api/v0/jobs/" + first + "/cancel", null).status()).isEqualTo(204);
        assertThat(api.awaitJob(first).path("status").asText()).isEqualTo("canceled");
        assertThat(api.get("/api/v0/meta/cluster_status").json().path("gc_lock_holder").asText()).isEmpty();
        assertThat(blobsInStorage()).as("canceled before its sweep").contains(orphan);
    }
}
