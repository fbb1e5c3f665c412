package org.dtrmigration.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.dtrmigration.storage.FilesystemStore;
import org.dtrmigration.storage.NoSuchObjectException;
import org.dtrmigration.storage.ObjectInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTreeRoundTripTest {
    @TempDir
    Path dir;

    /** A store on a fresh directory under the test's temp dir (the store wants its root to exist). */
    private FilesystemStore store(String name) throws IOException {
        return new FilesystemStore(java.nio.file.Files.createDirectories(dir.resolve(name)));
    }

    @Test
    void everyKeyOfAGeneratedTreeIsWellFormed() throws IOException {
        FilesystemStore store = store("root");
        GeneratedTree tree = TreeGenerator.generate(store, TreeSpec.small(1));

        List<ObjectInfo> all = store.list("").toList();
        Set<Digest> blobsOnDisk = new HashSet<>();
        long blobBytes = 0;
        List<RegistryKey> links = new ArrayList<>();
        int uploads = 0;
        for (ObjectInfo info : all) {
            RegistryKey key = RegistryLayout.classify(info.key());
            assertThat(key).as(info.key()).isNotInstanceOf(RegistryKey.Other.class);
            assertThat(key.key()).isEqualTo(info.key());
            if (key instanceof RegistryKey.BlobData blob) {
                byte[] data = store.readAllBytes(info.key());
                assertThat(Digest.of(data)).as("content of %s", info.key()).isEqualTo(blob.digest());
                blobsOnDisk.add(blob.digest());
                blobBytes += data.length;
            } else if (key.isLink()) {
                assertThat(info.size()).as(info.key()).isEqualTo(71);
                links.add(key);
            } else if (key instanceof RegistryKey.Upload) {
                uploads++;
            }
        }
        assertThat(blobsOnDisk).isEqualTo(tree.blobs());
        assertThat(blobBytes).isEqualTo(tree.blobBytes());
        assertThat(uploads).as("data, startedat and one hash state").isEqualTo(3);

        // every link points at a blob that exists, and digest-named links name their own digest
        for (RegistryKey link : links) {
            Digest target = RegistryLayout.parseLink(store.readAllBytes(link.key()));
            assertThat(blobsOnDisk).as(link.key()).contains(target);
            if (link instanceof RegistryKey.LayerLink l) {
                assertThat(target).isEqualTo(l.digest());
            } else if (link instanceof RegistryKey.RevisionLink r) {
                assertThat(target).isEqualTo(r.digest());
            } else if (link instanceof RegistryKey.TagIndexLink t) {
                assertThat(target).isEqualTo(t.digest());
            }
        }
    }

    @Test
    void readerSeesWhatTheGeneratorWrote() throws IOException {
        FilesystemStore store = new FilesystemStore(dir);
        TreeSpec spec = TreeSpec.small(2).withRepositories(4).withTagsPerRepository(3);
        GeneratedTree tree = TreeGenerator.generate(store, spec);
        RegistryTreeReader reader = new RegistryTreeReader(store);

        assertThat(reader.repositories()).containsExactly(
                "org0/repo0000", "org1/repo0001", "org2/repo0002", "org3/repo0003");
        assertThat(tree.images()).hasSize(12);
        for (WrittenImage image : tree.images()) {
            assertThat(reader.tag(image.repository(), image.tag())).contains(image.manifest());
            assertThat(reader.referencedBlobs(image.manifest())).isEqualTo(image.blobs());
            ManifestInfo info = reader.manifest(image.manifest());
            assertThat(info.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_V2);
            assertThat(info.layers()).hasSize(spec.layersPerImage());
        }
        SortedMap<String, Digest> tags = reader.tags("org1/repo0001");
        assertThat(tags).containsOnlyKeys("v0.0", "v1.0", "v2.0");
        assertThat(reader.tags("org9/none")).isEmpty();
    }

    @Test
    void sharedBaseLayersAreStoredOnceAndLinkedFromEveryRepository() throws IOException {
        FilesystemStore store = new FilesystemStore(dir);
        GeneratedTree tree = TreeGenerator.generate(store, TreeSpec.small(3).withSharedBaseLayers(1).withRepositories(3));
        RegistryTreeReader reader = new RegistryTreeReader(store);
        Digest base = reader.manifest(tree.images().get(0).manifest()).layers().get(0);
        for (WrittenImage image : tree.images()) {
            assertThat(reader.manifest(image.manifest()).layers().get(0)).isEqualTo(base);
            assertThat(store.stat(RegistryLayout.layerLink(image.repository(), base))).isPresent();
        }
        long copies = store.list(RegistryLayout.BLOBS).toList().stream()
                .filter(o -> o.key().equals(RegistryLayout.blobData(base))).count();
        assertThat(copies).isEqualTo(1);
    }

    @Test
    void sameSpecSameTreeOtherSeedOtherTree() throws IOException {
        FilesystemStore a = store("a");
        FilesystemStore b = store("b");
        FilesystemStore c = store("c");
        TreeGenerator.generate(a, TreeSpec.small(11));
        TreeGenerator.generate(b, TreeSpec.small(11));
        TreeGenerator.generate(c, TreeSpec.small(12));
        Map<String, String> contentA = contents(a);
        assertThat(contents(b)).isEqualTo(contentA);
        assertThat(contents(c)).isNotEqualTo(contentA);
    }

    private static Map<String, String> contents(FilesystemStore store) throws IOException {
        Map<String, String> map = new HashMap<>();
        for (ObjectInfo info : store.list("").toList()) {
            map.put(info.key(), Digest.of(store.readAllBytes(info.key())).hex());
        }
        return map;
    }

    @Test
    void manifestIsAValidSchema2ManifestNamingConfigAndLayers() throws IOException {
        FilesystemStore store = new FilesystemStore(dir);
        Image image = SyntheticImages.image(5, 2, 100, 200);
        WrittenImage written = new RegistryTreeWriter(store).writeImage("team/app", "latest", image);
        JsonNode manifest = new ObjectMapper().readTree(store.readAllBytes(RegistryLayout.blobData(written.manifest())));
        assertThat(manifest.path("schemaVersion").asInt()).isEqualTo(2);
        assertThat(manifest.path("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_MANIFEST_V2);
        assertThat(manifest.path("config").path("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_CONFIG);
        assertThat(manifest.path("config").path("size").asLong()).isEqualTo(image.config().length);
        assertThat(manifest.path("config").path("digest").asText()).isEqualTo(Digest.of(image.config()).toString());
        for (int i = 0; i < 2; i++) {
            JsonNode layer = manifest.path("layers").get(i);
            assertThat(layer.path("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_LAYER_GZIP);
            assertThat(layer.path("size").asLong()).isEqualTo(image.layers().get(i).length);
            assertThat(layer.path("digest").asText()).isEqualTo(Digest.of(image.layers().get(i)).toString());
        }
        assertThat(written.manifestSize()).isEqualTo(store.stat(RegistryLayout.blobData(written.manifest())).orElseThrow().size());
        // a manifest gets a revision link but no _layers link; config and layers get _layers links
        assertThat(store.stat(RegistryLayout.revisionLink("team/app", written.manifest()))).isPresent();
        assertThat(store.stat(RegistryLayout.layerLink("team/app", written.manifest()))).isEmpty();
        assertThat(store.stat(RegistryLayout.layerLink("team/app", Digest.of(image.config())))).isPresent();
    }

    @Test
    void ociImagesUseOciMediaTypes() throws IOException {
        FilesystemStore store = new FilesystemStore(dir);
        GeneratedTree tree = TreeGenerator.generate(store, TreeSpec.small(4).withFormat(ManifestFormat.OCI).withRepositories(1));
        ManifestInfo info = new RegistryTreeReader(store).manifest(tree.images().get(0).manifest());
        assertThat(info.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        JsonNode manifest = new ObjectMapper().readTree(store.readAllBytes(RegistryLayout.blobData(info.digest())));
        assertThat(manifest.path("layers").get(0).path("mediaType").asText()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
    }

    @Test
    void indexesAreFollowedToChildManifestsAndTheirBlobs() throws IOException {
        FilesystemStore store = new FilesystemStore(dir);
        RegistryTreeWriter writer = new RegistryTreeWriter(store);
        Image amd64 = SyntheticImages.image(1, ManifestFormat.DOCKER, Image.Platform.LINUX_AMD64,
                List.of(SyntheticImages.layer(10, 100)));
        Image arm64 = SyntheticImages.image(2, ManifestFormat.DOCKER, new Image.Platform("linux", "arm64"),
                List.of(SyntheticImages.layer(20, 100), SyntheticImages.layer(21, 100)));
        WrittenImage index = writer.writeIndex("team/multi", "latest", List.of(amd64, arm64));

        RegistryTreeReader reader = new RegistryTreeReader(store);
        ManifestInfo info = reader.manifest(index.manifest());
        assertThat(info.isIndex()).isTrue();
        assertThat(info.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
        assertThat(info.manifests()).hasSize(2);
        Set<Digest> closure = reader.referencedBlobs(index.manifest());
        // index + 2 manifests + 2 configs + 3 layers
        assertThat(closure).hasSize(8).isEqualTo(index.blobs());
        for (Digest child : info.manifests()) {
            assertThat(store.stat(RegistryLayout.revisionLink("team/multi", child))).isPresent();
        }
        assertThat(reader.tags("team/multi")).containsOnlyKeys("latest");

        JsonNode json = new ObjectMapper().readTree(reader.readBlob(index.manifest()));
        assertThat(json.path("manifests").get(1).path("platform").path("architecture").asText()).isEqualTo("arm64");
    }

    @Test
    void movingATagRewritesCurrentAndAddsToTheIndex() throws IOException {
        FilesystemStore store = new FilesystemStore(dir);
        RegistryTreeWriter writer = new RegistryTreeWriter(store);
        WrittenImage first = writer.writeImage("app", "latest", SyntheticImages.image(1, 1, 10, 10));
        WrittenImage second = writer.writeImage("app", "latest", SyntheticImages.image(2, 1, 10, 10));
        RegistryTreeReader reader = new RegistryTreeReader(store);
        assertThat(reader.tag("app", "latest")).contains(second.manifest());
        assertThat(store.stat(RegistryLayout.tagIndexLink("app", "latest", first.manifest()))).isPresent();
        assertThat(store.stat(RegistryLayout.tagIndexLink("app", "latest", second.manifest()))).isPresent();

        writer.untag("app", "latest");
        assertThat(reader.tag("app", "latest")).isEmpty();
        assertThat(store.list(RegistryLayout.tagsPrefix("app")).toList()).isEmpty();
        assertThat(store.stat(RegistryLayout.revisionLink("app", second.manifest()))).as("untag keeps revisions").isPresent();
    }

    @Test
    void untaggingDoesNotTouchATagSharingAPrefix() throws IOException {
        FilesystemStore store = new FilesystemStore(dir);
        RegistryTreeWriter writer = new RegistryTreeWriter(store);
        writer.writeImage("app", "v1", SyntheticImages.image(1, 1, 10, 10));
        writer.writeImage("app", "v1.1", SyntheticImages.image(2, 1, 10, 10));
        writer.untag("app", "v1");
        assertThat(new RegistryTreeReader(store).tags("app")).containsOnlyKeys("v1.1");
    }

    @Test
    void nestedRepositoryNamesDoNotLeakIntoEachOther() throws IOException {
        FilesystemStore store = new FilesystemStore(dir);
        RegistryTreeWriter writer = new RegistryTreeWriter(store);
        writer.writeImage("team/app", "a", SyntheticImages.image(1, 1, 10, 10));
        writer.writeImage("team/app/sub", "b", SyntheticImages.image(2, 1, 10, 10));
        RegistryTreeReader reader = new RegistryTreeReader(store);
        assertThat(reader.repositories()).containsExactly("team/app", "team/app/sub");
        assertThat(reader.tags("team/app")).containsOnlyKeys("a");
        assertThat(reader.tags("team/app/sub")).containsOnlyKeys("b");
    }

    @Test
    void uploadsAreWrittenWhereDistributionKeepsThem() throws IOException {
        FilesystemStore store = new FilesystemStore(dir);
        new RegistryTreeWriter(store).writeUpload("app", "0d6c3a0e-1", new byte[] {1, 2, 3}, Instant.EPOCH);
        Set<String> files = store.list(RegistryLayout.uploadsPrefix("app")).toList().stream()
                .map(o -> ((RegistryKey.Upload) RegistryLayout.classify(o.key())).file())
                .collect(Collectors.toSet());
        assertThat(files).containsExactlyInAnyOrder("data", "startedat", "hashstates/sha256/3");
        assertThat(new RegistryTreeReader(store).repositories()).containsExactly("app");
    }

    @Test
    void missingManifestSurfacesAsNoSuchObject() {
        FilesystemStore store = new FilesystemStore(dir);
        Digest missing = Digest.of(new byte[] {9});
        assertThatThrownBy(() -> new RegistryTreeReader(store).referencedBlobs(missing)).isInstanceOf(NoSuchObjectException.class);
    }
}
