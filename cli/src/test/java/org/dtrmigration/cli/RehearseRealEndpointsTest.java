package org.dtrmigration.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtrmigration.simulator.Product;
import org.dtrmigration.simulator.storage.StorageMode;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.StorageLocation;
import org.dtrmigration.storage.StoreFactory;
import org.dtrmigration.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code rehearse --url …}: the rehearsal on "real" endpoints, played here by a separately started
 * simulator (with the docker stand-in as its bootstrapper) on filesystem storage and an S3 server
 * (S3Proxy) as the new storage. Nothing embedded may start; every refusal happens before the DTR
 * sees a single request; no secret appears in any output or docker command line.
 */
class RehearseRealEndpointsTest {

    static S3ProxyServer s3;

    @TempDir
    Path dir;
    BootstrapperFixture f;
    String to;

    @BeforeAll
    static void servers() throws Exception {
        s3 = S3ProxyServer.start();
    }

    @AfterAll
    static void stopServers() {
        s3.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        f = new BootstrapperFixture(dir, Product.DTR, "2.7.5");
        String bucket = "new-" + dir.getFileName().toString().toLowerCase().replaceAll("[^a-z0-9]", "");
        s3.createBucket(bucket);
        to = s3.uri(bucket, "dtr");
        f.env.put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY);
        f.env.put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
        f.secrets.add(S3ProxyServer.SECRET_KEY);
    }

    @AfterEach
    void tearDown() throws Exception {
        f.assertNoSecretLeaked();
        f.close();
    }

    int run(List<String> args) {
        return Main.commandLine(f.env, new PrintWriter(f.out, true), new PrintWriter(f.err, true)).execute(args.toArray(String[]::new));
    }

    /** A complete real-endpoints command line, with the confirmation. */
    List<String> args(String procedure) {
        List<String> all = new ArrayList<>(List.of("rehearse", "--procedure", procedure, "--url", f.url(),
                "--from", dir.resolve("storage").toUri().toString(), "--to", to, "--docker", dir.resolve("bin/docker").toString(),
                "--work", dir.resolve("work").toString(), RealEndpointOptions.CONFIRM));
        all.addAll(BootstrapperFixture.ucp());
        return all;
    }

    @ParameterizedTest
    @ValueSource(strings = {"best_practice", "read_only"})
    void rehearsesOnTheGivenDtrAndStorage(String procedure) throws Exception {
        int code = run(args(procedure));
        String o = f.out.toString();
        assertThat(code).as(f.output()).isZero();
        assertThat(o).contains("Rehearsal PASSED: " + procedure + " on " + f.url() + " onto " + to)
                .contains("real endpoints (nothing embedded)")
                .containsPattern("tag check on new storage\\s+\\d+s\\s+result=tag check PASSED: " + f.tags.size() + " tag\\(s\\)")
                .containsPattern("tag check after GC\\s+\\d+s\\s+result=tag check PASSED: " + f.tags.size() + " tag\\(s\\)")
                .contains("working directory: " + dir.resolve("work"))
                // no demo registry, no planted garbage: the judgement is the tag checks
                .doesNotContain("demo registry").doesNotContain("danglingBlobsPlanted").doesNotContain("check end state");
        if (procedure.equals("best_practice")) {
            assertThat(f.dockerLog()).contains("\"destroy\"", "\"restore\"");
        } else {
            assertThat(o).contains("reconfigured onto " + to); // onto cloud storage through the storage settings API
        }
        assertThat(f.sim.storageState().mode()).isEqualTo(StorageMode.CLOUD);
        assertThat(f.sim.isReadOnly()).isFalse();
        assertThat(f.crons()).isEqualTo(BootstrapperFixture.cronsAsConfigured());
        f.assertTagsSurvived();
        try (ObjectStore store = new StoreFactory().open(StorageLocation.parse(to, "to"), s3.credentials())) {
            f.assertBlobsIn(store, true);
        }
        // the files needed to recover stay, even without --keep
        assertThat(dir.resolve("work/dtr-gc-schedule.json")).exists();
        assertThat(dir.resolve("work/dtr-tag-check-after-gc.json")).exists();
    }

    @Test
    void refusesWithoutTheConfirmationBeforeTouchingTheDtr() {
        List<String> args = args("read_only");
        args.remove(RealEndpointOptions.CONFIRM);
        assertRefused(args, RealEndpointOptions.CONFIRM + ": required with --url: the rehearsal really changes " + f.url());
    }

    @Test
    void refusesIncompleteOrContradictoryCommandLines() throws Exception {
        List<String> noFrom = args("read_only");
        noFrom.subList(noFrom.indexOf("--from"), noFrom.indexOf("--from") + 2).clear();
        assertRefused(noFrom, "--from: required with --url");

        List<String> sameStorage = args("read_only");
        sameStorage.set(sameStorage.indexOf("--to") + 1, dir.resolve("storage").toUri().toString());
        assertRefused(sameStorage, "--to: the new storage is the current one");

        List<String> embeddedOnly = args("best_practice");
        embeddedOnly.addAll(List.of("--scale", "2"));
        assertRefused(embeddedOnly, "--scale: only for the embedded rehearsal");

        assertRefused(List.of("rehearse", "--from", "file:///tmp/x"), "--from: only with --url");

        f.env.remove("AWS_SECRET_ACCESS_KEY");
        assertRefused(args("read_only"), "--to: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
        f.env.put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);

        f.env.remove("UCP_PASSWORD");
        assertRefused(args("best_practice"), "UCP_PASSWORD: set it in the environment");
    }

    private void assertRefused(List<String> args, String message) {
        f.err.getBuffer().setLength(0);
        assertThat(run(args)).as(f.output()).isEqualTo(Main.USAGE);
        assertThat(f.err.toString()).contains(message).doesNotContain("\tat ");
        assertThat(f.sim.requests()).as("the DTR saw no request").isEmpty();
        assertThat(f.sim.isReadOnly()).isFalse();
        assertThat(Files.exists(dir.resolve("work"))).as("nothing written").isFalse();
    }
}
