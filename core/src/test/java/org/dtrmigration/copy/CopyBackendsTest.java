package org.dtrmigration.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.dtrmigration.layout.Digest;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.layout.TreeGenerator;
import org.dtrmigration.layout.TreeSpec;
import org.dtrmigration.registry.RecordingSink;
import org.dtrmigration.secret.Secret;
import org.dtrmigration.storage.AzureCredentials;
import org.dtrmigration.storage.FilesystemLocation;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.S3Credentials;
import org.dtrmigration.storage.StorageAccessException;
import org.dtrmigration.storage.StorageCredentials;
import org.dtrmigration.storage.StoreFactory;
import org.dtrmigration.storage.StoreOptions;
import org.dtrmigration.testing.AzuriteServer;
import org.dtrmigration.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;

/**
 * Every ordered pair of backends on real servers (S3Proxy in-process, Azurite from npm): copy, deep verify,
 * re-sync after a tag move, and clear errors with nothing written for bad credentials and missing buckets.
 * Trees are small because Azurite is slow; a 12 MiB blob goes through multipart uploads / staged blocks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CopyBackendsTest {

    enum Backend { FS, S3, AZURE }

    /** Small parts so the 12 MiB blob is uploaded in three. */
    static final StoreOptions SMALL_PARTS = StoreOptions.defaults().withMultipart(StoreOptions.MIN_PART_SIZE, StoreOptions.MIN_PART_SIZE);

    @TempDir
    Path tmp;
    S3ProxyServer s3;
    AzuriteServer azurite;
    RuntimeException azuriteProblem;
    final AtomicInteger counter = new AtomicInteger();
    final List<ObjectStore> opened = new ArrayList<>();
    final RecordingSink events = new RecordingSink();

    @BeforeAll
    void start() throws Exception {
        s3 = S3ProxyServer.start();
        s3.createBucket("source");
        s3.createBucket("destination");
        try {
            azurite = AzuriteServer.startOrSkip();
            azurite.createContainer("source");
            azurite.createContainer("destination");
        } catch (RuntimeException e) {
            azuriteProblem = e;
        }
    }

    @AfterAll
    void stop() throws IOException {
        for (ObjectStore store : opened) {
            store.close();
        }
        if (azurite != null) {
            azurite.close();
        }
        s3.close();
    }

    Stream<Arguments> pairs() {
        return Stream.of(Arguments.of(Backend.FS, Backend.S3), Arguments.of(Backend.FS, Backend.AZURE),
                Arguments.of(Backend.S3, Backend.FS), Arguments.of(Backend.S3, Backend.AZURE),
                Arguments.of(Backend.AZURE, Backend.FS), Arguments.of(Backend.AZURE, Backend.S3),
                Arguments.of(Backend.FS, Backend.FS), Arguments.of(Backend.S3, Backend.S3));
    }

    /** A fresh root on the backend; S3 and Azure sides use different buckets/containers. */
    /** Skips (outside CI) or fails (in CI) as AzuriteServer decided when it could not start. */
    void requireAzurite() {
        if (azuriteProblem instanceof TestAbortedException skip) {
            throw skip;
        }
        if (azuriteProblem != null) {
            throw azuriteProblem;
        }
    }

    ObjectStore open(Backend backend, String side) throws IOException {
        String prefix = "t" + counter.incrementAndGet() + "/registry";
        StoreFactory factory = new StoreFactory(SMALL_PARTS);
        ObjectStore store = switch (backend) {
            case FS -> factory.open(new FilesystemLocation(Files.createDirectories(tmp.resolve(prefix)).toString()), StorageCredentials.none());
            case S3 -> factory.open(s3.location(side, prefix), s3.credentials());
            case AZURE -> {
                requireAzurite();
                yield factory.open(azurite.location(side, prefix), azurite.credentials());
            }
        };
        opened.add(store);
        return store;
    }

    CopyResult copy(ObjectStore from, ObjectStore to) throws IOException {
        return new Copier(CopyOptions.defaults().withConcurrency(16), events, CopierTest.FAST).copy(from, to);
    }

    @ParameterizedTest(name = "{0} to {1}")
    @MethodSource("pairs")
    void copiesExactlyAndReSyncsATagMove(Backend from, Backend to) throws IOException {
        ObjectStore source = open(from, "source");
        ObjectStore destination = open(to, "destination");
        Trees.generate(source, TreeSpec.small(from.ordinal() * 3L + to.ordinal()).withRepositories(2).withAbandonedUploads(1));
        Trees.push(source, "big/image", "v1", 5, 1, 12 * 1024 * 1024, 12 * 1024 * 1024 + 1);

        CopyResult first = copy(source, destination);

        assertThat(first.complete()).as(events.text()).isTrue();
        assertThat(Trees.snapshot(destination, true)).isEqualTo(Trees.snapshot(source));
        VerifyReport verified = new Verifier(VerifyOptions.defaults().withDeep(true), events, CopierTest.FAST).verify(source, destination, null);
        assertThat(verified.clean()).as(verified.summary()).isTrue();

        String repo = TreeGenerator.repositoryName(1);
        String tag = RegistryLayout.tagCurrentLink(repo, TreeGenerator.tagName(0));
        Digest moved = Trees.moveTag(source, repo, TreeGenerator.tagName(0), 99);

        CopyResult resync = copy(source, destination);

        assertThat(resync.complete()).isTrue();
        assertThat(Trees.text(destination, tag)).isEqualTo(moved.toString());
        // The moved tag's two links, plus the pushed image: config, 2 layers, manifest, their 3 layer links, the revision link.
        assertThat(resync.copiedObjects()).isEqualTo(10);
        assertThat(resync.unchangedObjects()).isEqualTo(first.sourceObjects() - 1);
        assertThat(new Verifier(VerifyOptions.defaults(), events, CopierTest.FAST).verify(source, destination, null).clean()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"S3", "AZURE"})
    void aCorruptLargeSourceBlobNeverLandsInTheDestination(Backend backend) throws IOException {
        ObjectStore source = open(Backend.FS, "source");
        // 9 MiB: above the multipart threshold, so S3 streams it in one re-readable PUT and Azure stages blocks.
        org.dtrmigration.layout.WrittenImage image = Trees.push(source, "big/corrupt", "v1", 8, 1, 9 * 1024 * 1024, 9 * 1024 * 1024 + 1);
        List<Digest> layers = new org.dtrmigration.layout.RegistryTreeReader(source).manifest(image.manifest()).layers();
        String blob = RegistryLayout.blobData(layers.get(0));
        Trees.flipByte(source, blob);
        ObjectStore destination = open(backend, "destination");

        CopyResult result = copy(source, destination);

        assertThat(result.complete()).isFalse();
        assertThat(result.problems()).filteredOn(d -> d.kind() == Difference.Kind.CORRUPT_SOURCE).singleElement()
                .satisfies(d -> assertThat(d.key()).isEqualTo(blob));
        assertThat(destination.stat(blob)).isEmpty();
        assertThat(result.retries()).as("a corrupt blob is not retried").isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"S3", "AZURE"})
    void badCredentialsStopWithAClearErrorAndWriteNothing(Backend backend) throws IOException {
        ObjectStore source = open(Backend.FS, "source");
        Trees.generate(source, TreeSpec.small(3).withRepositories(1));
        String secret = "wrong-secret-5f2b9c";
        StoreFactory factory = new StoreFactory(StoreOptions.defaults().withMaxAttempts(1));
        ObjectStore good = open(backend, "destination");
        ObjectStore wrong = backend == Backend.S3
                ? factory.open(s3.location("destination", "bad-credentials"), S3Credentials.of(S3ProxyServer.ACCESS_KEY, Secret.of(secret)))
                : factory.open(azurite.location("destination", "bad-credentials"),
                        new AzureCredentials.SharedKey(AzuriteServer.ACCOUNT, Secret.of(java.util.Base64.getEncoder().encodeToString(secret.getBytes()))));
        opened.add(wrong);

        assertThatThrownBy(() -> copy(source, wrong)).isInstanceOf(StorageAccessException.class)
                .satisfies(e -> assertThat(((StorageAccessException) e).reason()).isEqualTo(StorageAccessException.Reason.BAD_CREDENTIALS))
                .hasMessageContaining("rejected the credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
        assertThat(good.listChildren("")).isEmpty();
        StoreFactory plain = new StoreFactory();
        try (ObjectStore bucketRoot = backend == Backend.S3 ? plain.open(s3.location("destination", ""), s3.credentials())
                : plain.open(azurite.location("destination", ""), azurite.credentials())) {
            assertThat(bucketRoot.listChildren("")).noneMatch(k -> k.startsWith("bad-credentials"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"S3", "AZURE"})
    void aMissingBucketStopsWithAClearErrorAndNothingIsWritten(Backend backend) throws IOException {
        if (backend == Backend.AZURE) {
            requireAzurite();
        }
        ObjectStore source = open(Backend.FS, "source");
        Trees.generate(source, TreeSpec.small(4).withRepositories(1));
        FaultyStore missing = new FaultyStore(backend == Backend.S3
                ? new StoreFactory().open(s3.location("no-such-bucket", "x"), s3.credentials())
                : new StoreFactory().open(azurite.location("no-such-container", "x"), azurite.credentials()));
        opened.add(missing);

        assertThatThrownBy(() -> copy(source, missing)).isInstanceOf(StorageAccessException.class)
                .hasMessageContaining(backend == Backend.S3 ? "bucket 'no-such-bucket' does not exist" : "container 'no-such-container' does not exist");
        assertThat(missing.writes).isEmpty();
        // And as the source: a missing bucket is not mistaken for an empty registry.
        assertThatThrownBy(() -> copy(missing, source)).isInstanceOf(StorageAccessException.class);
    }
}
