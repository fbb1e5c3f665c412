package org.dtrmigration.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dtrmigration.copy.Copier;
import org.dtrmigration.copy.CopyOptions;
import org.dtrmigration.copy.CopyResult;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.layout.Image;
import org.dtrmigration.layout.ManifestFormat;
import org.dtrmigration.layout.SyntheticImages;
import org.dtrmigration.storage.FilesystemStore;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.S3Location;
import org.dtrmigration.storage.StoreFactory;
import org.dtrmigration.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real images pushed by a real client into the registry DTR runs, storage migrated to S3, served from
 * the new backend, every tag pulled back by digest.
 */
class RealRegistryMigrationTest {

    @TempDir
    Path dir;
    S3ProxyServer s3;
    Skopeo skopeo;

    @BeforeEach
    void setUp() throws Exception {
        skopeo = new Skopeo();
        Tools.require("docker-registry");
        s3 = S3ProxyServer.start();
        s3.createBucket("registry");
    }

    @AfterEach
    void tearDown() {
        if (s3 != null) {
            s3.close();
        }
    }

    /** Pushes a small but realistic set: shared base layer, several tags per repository, a moved tag. */
    Map<String, String> pushImages(RealRegistry registry) throws Exception {
        SyntheticImages.Layer base = SyntheticImages.layer(1, 200_000);
        Map<String, Image> images = new LinkedHashMap<>();
        images.put("team/base:1.0", image(10, base, SyntheticImages.layer(11, 30_000)));
        images.put("team/app:1.0", image(20, base, SyntheticImages.layer(21, 50_000)));
        images.put("team/app:latest", images.get("team/app:1.0"));
        images.put("team/app:2.0", image(30, base, SyntheticImages.layer(31, 70_000)));
        images.put("ops/tools/cli:v1", image(40, SyntheticImages.layer(41, 5_000), SyntheticImages.layer(42, 9_000)));
        Map<String, String> digests = new LinkedHashMap<>();
        for (Map.Entry<String, Image> e : images.entrySet()) {
            String repo = e.getKey().substring(0, e.getKey().indexOf(':'));
            String tag = e.getKey().substring(e.getKey().indexOf(':') + 1);
            OciLayout layout = new OciLayout(dir.resolve("oci").resolve(repo.replace('/', '_') + "-" + tag));
            String digest = layout.add(tag, e.getValue());
            skopeo.push(layout.dir(), tag, registry.hostPort(), repo);
            digests.put(e.getKey(), digest);
        }
        return digests;
    }

    static Image image(long seed, SyntheticImages.Layer... layers) {
        return SyntheticImages.image(seed, ManifestFormat.OCI, Image.Platform.LINUX_AMD64, List.of(layers));
    }

    /** Serves the storage at {@code registry} and pulls every tag back by digest. */
    void assertEveryTagPullsByDigest(RealRegistry registry, Map<String, String> expected) throws Exception {
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String repo = e.getKey().substring(0, e.getKey().indexOf(':'));
            String tag = e.getKey().substring(e.getKey().indexOf(':') + 1);
            assertThat(skopeo.digest(registry.hostPort(), repo, tag)).as(e.getKey()).isEqualTo(e.getValue());
            Path into = Files.createDirectories(dir.resolve("pulled")).resolve(repo.replace('/', '_') + "-" + tag + "-" + System.nanoTime());
            skopeo.pullByDigest(registry.hostPort(), repo, e.getValue(), into);
            try (Stream<Path> files = Files.list(into)) {
                assertThat(files.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}")).count())
                        .as("blobs pulled for " + e.getKey()).isGreaterThanOrEqualTo(3);
            }
        }
    }

    @Test
    void filesystemToS3KeepsEveryTagPullableByDigest() throws Exception {
        Path fsRoot = Files.createDirectories(dir.resolve("fs-root"));
        Map<String, String> digests;
        try (RealRegistry source = RealRegistry.onFilesystem(dir, fsRoot, false)) {
            digests = pushImages(source);
            assertEveryTagPullsByDigest(source, digests);
        }
        assertThat(fsRoot.resolve("docker/registry/v2/repositories/ops/tools/cli/_manifests/tags/v1/current/link")).exists();

        S3Location target = s3.location("registry", "dtr");
        CopyResult result = copy(fsRoot, target, false);
        assertThat(result.complete()).isTrue();
        assertThat(result.copiedObjects()).isEqualTo(result.sourceObjects());

        try (RealRegistry migrated = RealRegistry.onS3(dir, target, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)) {
            assertEveryTagPullsByDigest(migrated, digests);
        }
    }

    @Test
    void imagesPushedBetweenBulkAndDeltaCopiesSurviveAndMovedTagsFollow() throws Exception {
        Path fsRoot = Files.createDirectories(dir.resolve("fs-root"));
        S3Location target = s3.location("registry", "live");
        Map<String, String> digests;
        try (RealRegistry live = RealRegistry.onFilesystem(dir, fsRoot, false)) {
            digests = pushImages(live);
            // Bulk copy while the registry takes pushes.
            assertThat(copy(fsRoot, target, false).complete()).isTrue();
            SyntheticImages.Layer base = SyntheticImages.layer(1, 200_000);
            Map<String, Image> late = new LinkedHashMap<>();
            late.put("team/app:latest", image(50, base, SyntheticImages.layer(51, 40_000))); // tag moves
            late.put("team/new:1.0", image(60, SyntheticImages.layer(61, 20_000), SyntheticImages.layer(62, 20_000)));
            for (Map.Entry<String, Image> e : late.entrySet()) {
                String repo = e.getKey().substring(0, e.getKey().indexOf(':'));
                String tag = e.getKey().substring(e.getKey().indexOf(':') + 1);
                OciLayout layout = new OciLayout(dir.resolve("oci-late").resolve(repo.replace('/', '_') + "-" + tag));
                digests.put(e.getKey(), layout.add(tag, e.getValue()));
                skopeo.push(layout.dir(), tag, live.hostPort(), repo);
            }
        }
        // Read-only window: the delta copy with deletes moves only what changed.
        CopyResult delta = copy(fsRoot, target, true);
        assertThat(delta.complete()).isTrue();
        assertThat(delta.copiedObjects()).isPositive().isLessThan(delta.sourceObjects() / 2);
        assertThat(delta.unchangedObjects()).isPositive();

        try (RealRegistry migrated = RealRegistry.onS3(dir, target, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)) {
            assertEveryTagPullsByDigest(migrated, digests);
        }
    }

    CopyResult copy(Path fsRoot, S3Location target, boolean delete) throws Exception {
        CopyOptions defaults = CopyOptions.defaults();
        CopyOptions options = new CopyOptions(delete, false, defaults.shard(), defaults.concurrency(), false);
        try (ObjectStore from = new FilesystemStore(fsRoot);
             ObjectStore to = new StoreFactory().open(target, s3.credentials())) {
            return new Copier(options, EventSink.discarding()).copy(from, to);
        }
    }
}
