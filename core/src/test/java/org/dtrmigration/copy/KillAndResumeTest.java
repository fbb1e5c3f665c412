package org.dtrmigration.copy;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlockListType;
import com.azure.storage.blob.models.ListBlobsOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.layout.TreeSpec;
import org.dtrmigration.registry.RecordingSink;
import org.dtrmigration.storage.FilesystemLocation;
import org.dtrmigration.storage.FilesystemStore;
import org.dtrmigration.storage.ObjectInfo;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.StorageCredentials;
import org.dtrmigration.storage.StorageLocation;
import org.dtrmigration.storage.StoreFactory;
import org.dtrmigration.storage.StoreOptions;
import org.dtrmigration.testing.AzuriteServer;
import org.dtrmigration.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Kill -9 in the middle of a copy (a child JVM killed with destroyForcibly), then run it again: the re-run
 * finishes, verification passes, and nothing the killed run had in flight is left behind.
 */
class KillAndResumeTest {

    private static final StoreOptions SMALL_PARTS =
            StoreOptions.defaults().withMultipart(StoreOptions.MIN_PART_SIZE, StoreOptions.MIN_PART_SIZE);
    private static final String CLEANED_UP = "incomplete write(s) left in the destination by an interrupted earlier run";

    static S3ProxyServer s3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start();
        s3.createBucket("resume");
        s3.createBucket("resume-source");
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"filesystem", "s3"})
    void aKilledCopyFromAFilesystemResumesAndVerifies(String backend) throws Exception {
        FilesystemStore source = new FilesystemStore(Files.createDirectories(tmp.resolve("source")));
        fill(source);
        boolean toS3 = backend.equals("s3");
        StorageLocation to = toS3 ? s3.location("resume", "killed") : new FilesystemLocation(
                Files.createDirectories(tmp.resolve("destination")).toString());
        StorageCredentials credentials = toS3 ? s3.credentials() : StorageCredentials.none();
        Leftovers leftovers = toS3 ? this::incompleteMultipartUploads : this::temporaryFiles;

        try (ObjectStore destination = new StoreFactory(SMALL_PARTS).open(to, credentials)) {
            Process child = startChild(new FilesystemLocation(source.root().toString()), to, s3Environment());
            killHalfWay(child, destination, leftovers);

            assertThat(leftovers.count()).as("the kill left an incomplete write behind").isPositive();
            assertNoPartialObjectVisible(source, destination);

            RecordingSink events = resumeAndVerify(source, destination);

            assertThat(leftovers.count()).as("what the kill left behind is cleaned up").isZero();
            assertThat(events.text()).contains(CLEANED_UP);
        }
        assertNoSecretIn(output());
    }

    /**
     * S3Proxy to Azurite. Azure has no incomplete upload to abort ({@code AzureBlobStore} keeps the default
     * {@code abortIncompleteWrites}, which removes nothing): a killed upload leaves uncommitted blocks, which
     * are never a blob, and the re-run's Put Block List of the same blob discards every block it does not
     * list. So nothing left behind means: no blob of the destination keeps an uncommitted block.
     */
    @Test
    void aKilledCopyFromS3ToAzureResumesAndVerifies() throws Exception {
        StorageLocation from = s3.location("resume-source", "registry");
        try (AzuriteServer azurite = AzuriteServer.startOrSkip();
                ObjectStore source = new StoreFactory(SMALL_PARTS).open(from, s3.credentials())) {
            fill(source);
            azurite.createContainer("resume");
            StorageLocation to = azurite.location("resume", "killed");
            BlobContainerClient container = azurite.serviceClient().getBlobContainerClient("resume");
            Map<String, String> environment = new HashMap<>(s3Environment());
            environment.putAll(Map.of("AZURE_STORAGE_ACCOUNT", AzuriteServer.ACCOUNT, "AZURE_STORAGE_KEY", AzuriteServer.ACCOUNT_KEY));

            try (ObjectStore destination = new StoreFactory(SMALL_PARTS).open(to, azurite.credentials())) {
                Process child = startChild(from, to, environment);
                killHalfWay(child, destination, () -> uncommittedOnlyBlobs(container, "killed/").size());

                List<String> uncommitted = blobsWithUncommittedBlocks(container, "killed/");
                List<String> visible = keys(destination);
                for (String blob : uncommitted) {
                    String key = blob.substring("killed/".length());
                    assertThat(visible).as("uncommitted blocks are not a blob").doesNotContain(key);
                    assertThat(destination.stat(key)).as("uncommitted blocks are not a blob: %s", key).isEmpty();
                }
                assertNoPartialObjectVisible(source, destination);

                RecordingSink events = resumeAndVerify(source, destination);

                assertThat(blobsWithUncommittedBlocks(container, "killed/"))
                        .as("committing the re-written blobs discarded the killed run's blocks").isEmpty();
                assertThat(events.text()).as("Azure has nothing to abort").doesNotContain(CLEANED_UP)
                        .doesNotContain("could not clean up");
            }
        }
        assertNoSecretIn(output());
    }

    private static void fill(ObjectStore source) throws IOException {
        Trees.generate(source, TreeSpec.small(11).withRepositories(6));
        Trees.push(source, "big/one", "v1", 1, 1, 12 * 1024 * 1024, 12 * 1024 * 1024 + 1);
        Trees.push(source, "big/two", "v1", 2, 1, 16 * 1024 * 1024, 16 * 1024 * 1024 + 1);
    }

    /** Waits until the child has written a few objects and has a large one half-written, and kills it. */
    private void killHalfWay(Process child, ObjectStore destination, Leftovers inFlight) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (child.isAlive() && (destination.list("").toList().size() < 8 || inFlight.count() == 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(child.isAlive()).as("the copy is still running when killed; its output:\n%s", output()).isTrue();
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    private static void assertNoPartialObjectVisible(ObjectStore source, ObjectStore destination) throws IOException {
        VerifyReport interrupted = new Verifier(VerifyOptions.defaults(), new RecordingSink(), CopierTest.FAST)
                .verify(source, destination, null);
        assertThat(interrupted.clean()).as("killed half-way").isFalse();
        assertThat(interrupted.count(Difference.Kind.SIZE_MISMATCH) + interrupted.count(Difference.Kind.CONTENT_MISMATCH))
                .as("no partial object is visible").isZero();
    }

    /** Copies again: completes, skips what the killed run finished, verifies deep; returns the run's events. */
    private static RecordingSink resumeAndVerify(ObjectStore source, ObjectStore destination) throws IOException {
        RecordingSink events = new RecordingSink();
        CopyResult resumed = new Copier(CopyOptions.defaults(), events, CopierTest.FAST).copy(source, destination);

        assertThat(resumed.complete()).isTrue();
        assertThat(resumed.unchangedObjects()).as("what the killed run finished is not copied again").isPositive();
        assertThat(new Verifier(VerifyOptions.defaults().withDeep(true), events, CopierTest.FAST).verify(source, destination, null).clean())
                .isTrue();
        assertThat(Trees.snapshot(destination)).isEqualTo(Trees.snapshot(source));
        return events;
    }

    private static void assertNoSecretIn(String output) {
        assertThat(output).as("the child's output").isNotBlank()
                .doesNotContain(S3ProxyServer.SECRET_KEY).doesNotContain(AzuriteServer.ACCOUNT_KEY);
    }

    @FunctionalInterface
    private interface Leftovers {
        long count() throws IOException;
    }

    /** Multipart uploads neither completed nor aborted in the S3 destination bucket. */
    private long incompleteMultipartUploads() {
        try (S3Client raw = rawClient()) {
            return raw.listMultipartUploads(b -> b.bucket("resume")).uploads().size();
        }
    }

    /** The filesystem store's temporary files in the destination directory. */
    private long temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.walk(tmp.resolve("destination"))) {
            return files.filter(p -> p.getFileName().toString().startsWith(".dtrmig-tmp-")).count();
        }
    }

    /** Blob names under {@code prefix} holding uncommitted blocks, committed blobs or not. */
    private static List<String> blobsWithUncommittedBlocks(BlobContainerClient container, String prefix) {
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(prefix)
                .setDetails(new BlobListDetails().setRetrieveUncommittedBlobs(true));
        return container.listBlobs(options, null).stream()
                .map(BlobItem::getName)
                .filter(name -> !container.getBlobClient(name).getBlockBlobClient().listBlocks(BlockListType.UNCOMMITTED)
                        .getUncommittedBlocks().isEmpty())
                .toList();
    }

    /** Blob names under {@code prefix} that exist only as uncommitted blocks: cheaper than asking each blob. */
    private static List<String> uncommittedOnlyBlobs(BlobContainerClient container, String prefix) {
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(prefix);
        List<String> committed = container.listBlobs(options, null).stream().map(BlobItem::getName).toList();
        options.setDetails(new BlobListDetails().setRetrieveUncommittedBlobs(true));
        return container.listBlobs(options, null).stream().map(BlobItem::getName).filter(name -> !committed.contains(name)).toList();
    }

    private static List<String> keys(ObjectStore store) throws IOException {
        return store.list(RegistryLayout.ROOT).toList().stream().map(ObjectInfo::key).toList();
    }

    private Process startChild(StorageLocation from, StorageLocation to, Map<String, String> environment) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ChildCopy.class.getName(), from.toUri(), to.toUri())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile());
        assertThat(String.join(" ", builder.command())).as("the child's arguments")
                .doesNotContain(S3ProxyServer.SECRET_KEY).doesNotContain(AzuriteServer.ACCOUNT_KEY);
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static Map<String, String> s3Environment() {
        return Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
    }

    private String output() throws IOException {
        File log = tmp.resolve("child.log").toFile();
        return log.exists() ? Files.readString(log.toPath()) : "";
    }

    private static S3Client rawClient() {
        return S3Client.builder().endpointOverride(s3.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                .build();
    }
}
