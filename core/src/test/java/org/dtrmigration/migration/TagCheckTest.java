package org.dtrmigration.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.dtrmigration.layout.Digest;
import org.dtrmigration.layout.Image;
import org.dtrmigration.layout.ManifestFormat;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.layout.RegistryTreeWriter;
import org.dtrmigration.layout.SyntheticImages;
import org.dtrmigration.layout.WrittenImage;
import org.dtrmigration.storage.FilesystemStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TagCheckTest {

    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    @TempDir
    Path dir;
    FilesystemStore store;
    RegistryTreeWriter writer;
    WrittenImage app;
    WrittenImage multi;
    WrittenImage lib;
    Events events = new Events();

    @BeforeEach
    void setUp() throws Exception {
        store = new FilesystemStore(Files.createDirectories(dir.resolve("registry")));
        writer = new RegistryTreeWriter(store);
        app = writer.writeImage("team/app", "v1", SyntheticImages.image(1, 2, 200, 400));
        lib = writer.writeImage("team/lib", "1.0", SyntheticImages.image(2, 1, 200, 400));
        multi = writer.writeIndex("team/multi", "latest", List.of(
                SyntheticImages.image(3, ManifestFormat.OCI, Image.Platform.LINUX_AMD64, List.of(SyntheticImages.layer(30, 300))),
                SyntheticImages.image(4, ManifestFormat.OCI, new Image.Platform("linux", "arm64"), List.of(SyntheticImages.layer(40, 300)))));
    }

    static TagSnapshot snapshot(Map<String, Map<String, Digest>> tags) {
        SortedMap<String, SortedMap<String, Digest>> repos = new TreeMap<>();
        tags.forEach((r, t) -> repos.put(r, new TreeMap<>(t)));
        return new TagSnapshot("https://dtr.example.com", "2.7.5", T0, repos);
    }

    TagSnapshot before() {
        return snapshot(Map.of("team/app", Map.of("v1", app.manifest()), "team/lib", Map.of("1.0", lib.manifest()),
                "team/multi", Map.of("latest", multi.manifest())));
    }

    TagCheck check() {
        return new TagCheck(store, "file:///new", events, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
    }

    @Test
    void everythingSurvived() throws Exception {
        TagCheckReport report = check().check(before(), snapshot(Map.of("team/app", Map.of("v1", app.manifest(), "v2", lib.manifest()),
                "team/lib", Map.of("1.0", lib.manifest()), "team/multi", Map.of("latest", multi.manifest()))));
        assertThat(report.passed()).isTrue();
        assertThat(report.snapshotTags()).isEqualTo(3);
        assertThat(report.apiChecked()).isTrue();
        assertThat(report.extraTags()).isEqualTo(1);
        // app: 2 layers + config + manifest; lib: 1 + 1 + 1; multi: index + 2 x (manifest + config + layer)
        assertThat(report.blobsChecked()).isEqualTo(app.blobs().size() + lib.blobs().size() + multi.blobs().size());
        assertThat(report.summary()).startsWith("PASSED");
        assertThat(events.infos).anyMatch(l -> l.startsWith("Tag check PASSED"));
    }

    @Test
    void aWipedOrMovedTagFails() throws Exception {
        TagCheckReport report = check().check(before(), snapshot(Map.of("team/app", Map.of("v1", lib.manifest()),
                "team/multi", Map.of("latest", multi.manifest()))));
        assertThat(report.passed()).isFalse();
        assertThat(report.missingTags()).containsExactly("team/lib:1.0 (was " + lib.manifest() + ")");
        assertThat(report.changedTags()).containsExactly("team/app:v1 was " + app.manifest() + ", is " + lib.manifest());
        assertThat(report.problems()).contains("missing tags (1)", "team/lib:1.0", "tags pointing elsewhere (1)");
    }

    @Test
    void missingLayerManifestChildAndLinksAreListed() throws Exception {
        Digest layer = app.blobs().stream().filter(d -> !d.equals(app.manifest())).findFirst().orElseThrow();
        store.delete(RegistryLayout.blobData(layer));
        store.delete(RegistryLayout.blobData(lib.manifest()));
        store.delete(RegistryLayout.layerLink("team/multi", Digest.of(SyntheticImages.layer(30, 300).blob())));
        TagCheckReport report = check().checkStorage(before());
        assertThat(report.passed()).isFalse();
        assertThat(report.apiChecked()).isFalse();
        assertThat(report.missingBlobs()).containsExactlyInAnyOrder("team/app:v1 blob " + layer,
                "team/lib:1.0 manifest " + lib.manifest());
        assertThat(report.missingLinks()).containsExactly("team/multi:latest "
                + RegistryLayout.layerLink("team/multi", Digest.of(SyntheticImages.layer(30, 300).blob())));
    }

    @Test
    void aGarbageManifestIsUnreadable() throws Exception {
        store.write(RegistryLayout.blobData(app.manifest()), "{not json".getBytes());
        TagCheckReport report = check().checkStorage(before());
        assertThat(report.unreadableManifests()).singleElement().asString().startsWith("team/app:v1: ");
    }

    @Test
    void reportAndSnapshotRoundTripThroughTheirFiles() throws Exception {
        TagSnapshot s = before();
        s.write(dir.resolve("tags.json"));
        assertThat(TagSnapshot.read(dir.resolve("tags.json"))).isEqualTo(s);
        TagCheckReport r = check().check(s, snapshot(Map.of()));
        r.write(dir.resolve("report.json"));
        TagCheckReport back = TagCheckReport.read(dir.resolve("report.json"));
        assertThat(back).isEqualTo(r);
        assertThat(Files.readString(dir.resolve("report.json"))).contains("\"passed\" : false");
    }
}
