package org.dtrmigration.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dtrmigration.layout.TreeSpec;
import org.dtrmigration.registry.RecordingSink;
import org.dtrmigration.storage.FilesystemLocation;
import org.dtrmigration.storage.FilesystemStore;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.StorageCredentials;
import org.dtrmigration.storage.StorageLocation;
import org.dtrmigration.storage.StoreFactory;
import org.dtrmigration.storage.StoreOptions;
import org.dtrmigration.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

    static S3ProxyServer s3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start();
        s3.createBucket("resume");
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"filesystem", "s3"})
    void aKilledCopyResumesAndVerifies(String backend) throws Exception {
        FilesystemStore source = new FilesystemStore(Files.createDirectories(tmp.resolve("source")));
        Trees.generate(source, TreeSpec.small(11).withRepositories(6));
        Trees.push(source, "big/one", "v1", 1, 1, 12 * 1024 * 1024, 12 * 1024 * 1024 + 1);
        Trees.push(source, "big/two", "v1", 2, 1, 16 * 1024 * 1024, 16 * 1024 * 1024 + 1);
        StorageLocation to = backend.equals("s3") ? s3.location("resume", "killed") : new FilesystemLocation(
                Files.createDirectories(tmp.resolve("destination")).toString());
        StorageCredentials credentials = backend.equals("s3") ? s3.credentials() : StorageCredentials.none();
        StoreOptions small = StoreOptions.defaults().withMultipart(StoreOptions.MIN_PART_SIZE, StoreOptions.MIN_PART_SIZE);

        try (ObjectStore destination = new StoreFactory(small).open(to, credentials)) {
            Process child = startChild(source.root(), to);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (child.isAlive() && destination.list("").toList().size() < 8 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(child.isAlive()).as("the copy is still running when killed; its output:\n%s", output()).isTrue();
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            assertThat(leftovers(backend)).as("the kill left an incomplete write behind").isPositive();
            RecordingSink events = new RecordingSink();
            VerifyReport interrupted = new Verifier(VerifyOptions.defaults(), events, CopierTest.FAST).verify(source, destination, null);
            assertThat(interrupted.clean()).as("killed half-way").isFalse();
            assertThat(interrupted.count(Difference.Kind.SIZE_MISMATCH) + interrupted.count(Difference.Kind.CONTENT_MISMATCH))
                    .as("no partial object is visible").isZero();

            CopyResult resumed = new Copier(CopyOptions.defaults(), events, CopierTest.FAST).copy(source, destination);

            assertThat(resumed.complete()).isTrue();
            assertThat(resumed.unchangedObjects()).as("what the killed run finished is not copied again").isPositive();
            assertThat(new Verifier(VerifyOptions.defaults().withDeep(true), events, CopierTest.FAST).verify(source, destination, null).clean())
                    .isTrue();
            assertThat(Trees.snapshot(destination)).isEqualTo(Trees.snapshot(source));
            assertThat(leftovers(backend)).as("what the kill left behind is cleaned up").isZero();
            assertThat(events.text()).contains("incomplete write(s) left in the destination by an interrupted earlier run");
        }
    }

    /** Incomplete multipart uploads (S3) or temporary files (filesystem) in the destination. */
    private long leftovers(String backend) throws IOException {
        if (backend.equals("s3")) {
            try (S3Client raw = rawClient()) {
                return raw.listMultipartUploads(b -> b.bucket("resume")).uploads().size();
            }
        }
        try (Stream<Path> files = Files.walk(tmp.resolve("destination"))) {
            return files.filter(p -> p.getFileName().toString().startsWith(".dtrmig-tmp-")).count();
        }
    }

    private Process startChild(Path source, StorageLocation to) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ChildCopy.class.getName(), source.toString(), to.toUri())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile());
        builder.environment().put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
        return builder.start();
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
