package org.dtrmigration.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtrmigration.layout.GeneratedTree;
import org.dtrmigration.layout.RegistryTreeWriter;
import org.dtrmigration.layout.SyntheticImages;
import org.dtrmigration.layout.TreeGenerator;
import org.dtrmigration.layout.TreeSpec;
import org.dtrmigration.layout.WrittenImage;
import org.dtrmigration.storage.FilesystemStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoriesApiTest {
    @TempDir
    Path dir;
    GeneratedTree tree;
    DtrSimulator sim;
    Api api;

    @BeforeEach
    void start() throws IOException {
        FilesystemStore store = Sims.store(dir);
        tree = TreeGenerator.generate(store, TreeSpec.small(7).withRepositories(12).withTagsPerRepository(5));
        // distribution allows names DTR cannot have; the metadata load must skip them
        new RegistryTreeWriter(store).writeImage("toplevel", "v1", SyntheticImages.image(1, 1, 10, 10));
        new RegistryTreeWriter(store).writeImage("a/b/c", "v1", SyntheticImages.image(2, 1, 10, 10));
        sim = Sims.builder(dir).start();
        api = new Api(sim.url());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void repositoriesArePagedWithNextPageStart() throws IOException {
        List<String> names = new ArrayList<>();
        String start = null;
        int pages = 0;
        do {
            Api.Reply reply = api.get("/api/v0/repositories?pageSize=5" + (start == null ? "" : "&pageStart=" + enc(start)));
            assertThat(reply.status()).isEqualTo(200);
            JsonNode repos = reply.json().path("repositories");
            assertThat(repos.size()).isBetween(1, 5);
            repos.forEach(r -> names.add(r.path("namespace").asText() + "/" + r.path("name").asText()));
            start = reply.header("X-Next-Page-Start");
            pages++;
        } while (start != null);
        assertThat(pages).isEqualTo(3);
        List<String> expected = tree.images().stream().map(WrittenImage::repository).distinct().sorted().toList();
        assertThat(names).containsExactlyElementsOf(expected);
    }

    @Test
    void repositoryObjectsHaveDtrFields() throws IOException {
        Api.Reply reply = api.get("/api/v0/repositories?count=true", Api.DEV, Api.DEV_TOKEN);
        assertThat(reply.header("X-Resource-Count")).isEqualTo("12");
        assertThat(reply.json().path("repositories").size()).as("default page size").isEqualTo(10);
        JsonNode repo = reply.json().path("repositories").get(0);
        for (String field : List.of("id", "namespace", "namespaceType", "name", "visibility", "shortDescription",
                "longDescription", "scanOnPush", "immutableTags", "enableManifestLists", "pulls", "pushes", "tagLimit")) {
            assertThat(repo.has(field)).as(field).isTrue();
        }
        assertThat(repo.path("namespace").asText() + "/" + repo.path("name").asText()).isEqualTo("org0/repo0000");
        assertThat(api.get("/api/v0/repositories/org0/repo0000").json().path("id").asText()).isEqualTo(repo.path("id").asText());
    }

    @Test
    void tagsMatchStorageAndArePaged() throws IOException {
        List<JsonNode> tags = new ArrayList<>();
        String start = null;
        do {
            Api.Reply reply = api.get("/api/v0/repositories/org3/repo0003/tags?pageSize=2" + (start == null ? "" : "&pageStart=" + enc(start)));
            assertThat(reply.status()).isEqualTo(200);
            reply.json().forEach(tags::add);
            start = reply.header("X-Next-Page-Start");
        } while (start != null);
        assertThat(tags).extracting(t -> t.path("name").asText()).containsExactly("v0.0", "v1.0", "v2.0", "v3.0", "v4.0");
        for (JsonNode tag : tags) {
            WrittenImage image = tree.images().stream()
                    .filter(i -> i.repository().equals("org3/repo0003") && i.tag().equals(tag.path("name").asText()))
                    .findFirst().orElseThrow();
            assertThat(tag.path("digest").asText()).isEqualTo(image.manifest().toString());
            assertThat(tag.has("manifest")).isFalse();
        }
    }

    @Test
    void tagsCanIncludeManifestSummaries() throws IOException {
        JsonNode tag = api.get("/api/v0/repositories/org1/repo0001/tags?includeManifests=true&pageSize=1").json().get(0);
        JsonNode manifest = tag.path("manifest");
        assertThat(manifest.path("digest").asText()).isEqualTo(tag.path("digest").asText());
        assertThat(manifest.path("mediaType").asText()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
        assertThat(manifest.path("configDigest").asText()).startsWith("sha256:");
        assertThat(manifest.path("os").asText()).isEqualTo("linux");
        assertThat(manifest.path("architecture").asText()).isEqualTo("amd64");
        assertThat(manifest.path("dockerfile").size()).isEqualTo(3);
        assertThat(manifest.path("dockerfile").get(0).path("size").asLong()).isPositive();
    }

    @Test
    void unknownRepositoryIs404NoSuchRepository() throws IOException {
        for (String path : List.of("/api/v0/repositories/org0/nope/tags", "/api/v0/repositories/nope/repo0000")) {
            Api.Reply reply = api.get(path);
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.errorCode()).isEqualTo("NO_SUCH_REPOSITORY");
        }
    }

    @Test
    void storageRepositoriesDtrCannotHaveAreNotLoaded() throws IOException {
        assertThat(sim.metadata().repository("toplevel")).isEmpty();
        assertThat(sim.metadata().repository("a/b/c")).isEmpty();
        assertThat(sim.metadata().repositories()).hasSize(12);
    }

    @Test
    void pushesAndTagDeletesShowInTheApi() throws IOException {
        WrittenImage pushed = sim.push("team/new", "latest");
        JsonNode tags = api.get("/api/v0/repositories/team/new/tags").json();
        assertThat(tags.size()).isEqualTo(1);
        assertThat(tags.get(0).path("digest").asText()).isEqualTo(pushed.manifest().toString());
        assertThat(tags.get(0).path("author").asText()).isEqualTo(Api.ADMIN);
        assertThat(sim.deleteTag("team/new", "latest")).isTrue();
        assertThat(api.get("/api/v0/repositories/team/new/tags").json().size()).isZero();
        assertThat(api.get("/api/v0/repositories/team/new").status()).as("the repository stays").isEqualTo(200);
    }

    @Test
    void wipedMetadataHidesTagsThatStorageStillHas() throws IOException {
        sim.metadata().wipeTags();
        assertThat(api.get("/api/v0/repositories/org1/repo0001/tags").json().size()).isZero();
        sim.reloadMetadataFromStorage();
        assertThat(api.get("/api/v0/repositories/org1/repo0001/tags").json().size()).isEqualTo(5);
    }
}
