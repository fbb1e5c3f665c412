package org.dtrmigration.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.layout.RegistryTreeWriter;
import org.dtrmigration.layout.SyntheticImages;
import org.dtrmigration.layout.TreeGenerator;
import org.dtrmigration.layout.TreeSpec;
import org.dtrmigration.layout.WrittenImage;
import org.dtrmigration.storage.FilesystemStore;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.StoreFactory;
import org.dtrmigration.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code copy} and {@code verify} on the command line: exit codes, messages, credentials from the environment only. */
class CopyCliTest {

    static S3ProxyServer s3;

    @TempDir
    Path dir;
    FilesystemStore source;
    Map<String, String> env = new HashMap<>();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String target;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyServer.start();
        s3.createBucket("cli");
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        source = new FilesystemStore(Files.createDirectories(dir.resolve("registry")));
        TreeGenerator.generate(source, TreeSpec.small(5).withRepositories(2));
        env.put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
        target = s3.uri("cli", dir.getFileName().toString());
    }

    @AfterEach
    void noSecrets() {
        assertThat(out.toString()).doesNotContain(S3ProxyServer.SECRET_KEY);
        assertThat(err.toString()).doesNotContain(S3ProxyServer.SECRET_KEY);
    }

    int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.commandLine(env, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    String from() {
        return source.root().toUri().toString();
    }

    @Test
    void copyThenVerifyThenResyncAMovedTag() throws IOException {
        assertThat(run("copy", "--from", from(), "--to", target)).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("copied \\d+ objects").contains("0 unchanged");
        assertThat(run("copy", "--from", from(), "--to", target)).isZero();
        assertThat(out.toString()).contains("copied 0 objects");
        assertThat(run("verify", "--from", from(), "--to", target, "--deep")).isZero();
        assertThat(out.toString()).contains("verified: the destination is an exact copy");

        String repo = TreeGenerator.repositoryName(0);
        RegistryTreeWriter writer = new RegistryTreeWriter(source);
        WrittenImage other = writer.writeImage(repo, null, SyntheticImages.image(9, 1, 100, 200));
        writer.tag(repo, TreeGenerator.tagName(0), other.manifest());
        Path report = dir.resolve("report.txt");

        assertThat(run("verify", "--from", from(), "--to", target, "--report", report.toString())).isEqualTo(Main.FAILED);
        String tagLink = RegistryLayout.tagCurrentLink(repo, TreeGenerator.tagName(0));
        assertThat(err.toString()).contains("CONTENT_MISMATCH " + tagLink, "MISSING ");
        assertThat(out.toString()).contains("NOT an exact copy");
        assertThat(Files.readString(report)).contains("CONTENT_MISMATCH " + tagLink).contains("# NOT an exact copy");

        assertThat(run("copy", "--from", from(), "--to", target, "--dry-run")).isZero();
        assertThat(out.toString()).contains("would copy " + tagLink);
        assertThat(run("verify", "--from", from(), "--to", target)).as("a dry run writes nothing").isEqualTo(Main.FAILED);
        assertThat(run("copy", "--from", from(), "--to", target, "--concurrency", "4")).isZero();
        assertThat(run("verify", "--from", from(), "--to", target)).isZero();
    }

    @Test
    void shardsCoverTheTreeAndDeleteMirrors() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("copy"));
        String to = copy.toUri().toString();
        new FilesystemStore(copy).write(RegistryLayout.tagCurrentLink("gone/repo", "old"), "sha256:".concat("0".repeat(64)).getBytes());
        for (int i = 1; i <= 2; i++) {
            assertThat(run("copy", "--from", from(), "--to", to, "--shard", i + "/2", "--delete")).isZero();
        }
        assertThat(run("verify", "--from", from(), "--to", to)).as(err.toString()).isZero();
    }

    @Test
    void helpDescribesTheOptions() {
        assertThat(run("copy", "--help")).isZero();
        assertThat(out.toString()).contains("--from=LOCATION", "--shard=I/N", "--dry-run", "Exit 0 when");
        assertThat(run("verify", "--help")).isZero();
        assertThat(out.toString()).contains("--deep", "--report=FILE");
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        assertThat(run("copy", "--from", from())).isEqualTo(Main.USAGE);
        assertThat(run("copy", "--from", from(), "--to", target, "--shard", "5/4")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("--shard: the shard number must be between 1 and 4");
        assertThat(run("copy", "--from", from(), "--to", from() + "nested")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("usage error: --to: ").contains("overlaps --from");
        assertThat(run("copy", "--from", from(), "--to", target, "--concurrency", "0")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("--concurrency: must be between 1 and 1024");
        assertThat(run("verify", "--from", "ftp://host/x", "--to", target)).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("--from: unsupported storage scheme 'ftp'");
        assertThat(run("verify", "--from", from(), "--to", target, "--report", dir.resolve("no/such/dir/r.txt").toString()))
                .isEqualTo(Main.USAGE);
        env.remove("AWS_SECRET_ACCESS_KEY");
        assertThat(run("copy", "--from", from(), "--to", target)).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("--to: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
    }

    @Test
    void operationalErrorsExitOneWithOneLine() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(run("copy", "--from", empty.toUri().toString(), "--to", target)).isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("holds no docker/registry/v2/").doesNotContain("\tat ");

        env.put("AWS_SECRET_ACCESS_KEY", "not-the-SECRET-1234");
        assertThat(run("copy", "--from", from(), "--to", target)).isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("rejected the credentials").doesNotContain("not-the-SECRET-1234");
        try (ObjectStore bucket = new StoreFactory().open(s3.location("cli", dir.getFileName().toString()), s3.credentials())) {
            assertThat(bucket.listChildren("")).as("nothing written").isEmpty();
        }
    }
}
