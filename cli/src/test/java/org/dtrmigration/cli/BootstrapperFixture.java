package org.dtrmigration.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dtrmigration.layout.Digest;
import org.dtrmigration.layout.Image;
import org.dtrmigration.layout.ManifestFormat;
import org.dtrmigration.layout.RegistryKey;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.layout.RegistryTreeReader;
import org.dtrmigration.layout.SyntheticImages;
import org.dtrmigration.layout.WrittenImage;
import org.dtrmigration.simulator.DtrSimulator;
import org.dtrmigration.simulator.Product;
import org.dtrmigration.simulator.crons.CronSpec;
import org.dtrmigration.simulator.docker.DockerStandIn;
import org.dtrmigration.simulator.metadata.TagRecord;
import org.dtrmigration.storage.FilesystemStore;
import org.dtrmigration.storage.ObjectInfo;
import org.dtrmigration.storage.ObjectStore;

/**
 * A DTR/MSR simulator on filesystem storage with a few images (one multi-platform), a dangling image,
 * GC and mirroring crons, UCP credentials for its bootstrapper, and the {@code docker} stand-in on
 * PATH; plus a CLI runner that captures stdout and stderr. Everything secret is a constant the
 * tests look for in every output.
 */
final class BootstrapperFixture implements AutoCloseable {

    static final String TOKEN = "dtr-token-SECRET-9131";
    static final String UCP_PASSWORD = "ucp-password-SECRET-2718";
    static final String REPLICA = "a1b2c3d4e5f6";
    static final List<CronSpec> CRONS = List.of(CronSpec.onlineGcWeekly().withDeadline("2h"),
            CronSpec.of("poll_mirror", "0 */15 * * * *"));

    final Path dir;
    final DtrSimulator sim;
    final FilesystemStore source;
    final Map<String, String> env = new HashMap<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    /** repository:tag → manifest, as pushed. */
    final Map<String, Digest> tags = new LinkedHashMap<>();
    /** Blobs only a deleted tag referenced: garbage that onlinegc_blobs must collect. */
    final Set<Digest> dangling = new HashSet<>();
    final List<String> secrets = new ArrayList<>(List.of(TOKEN, UCP_PASSWORD));

    BootstrapperFixture(Path dir, Product product, String version) throws IOException {
        this.dir = dir;
        this.source = new FilesystemStore(Files.createDirectories(dir.resolve("storage")));
        var builder = DtrSimulator.builder().storage(source).product(product).version(version)
                .admin("admin", TOKEN)
                .readOnlyLag(Duration.ZERO)
                .jobStartDelay(Duration.ofMillis(20))
                .jobStepDelay(Duration.ofMillis(2))
                .cronScheduler(false);
        CRONS.forEach(builder::cron);
        sim = builder.start();
        sim.bootstrapper().ucpCredentials("ucp-admin", UCP_PASSWORD).hostRoot(dir.resolve("host"));
        Path bin = DockerStandIn.install(dir.resolve("bin")).getParent();
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put(DockerStandIn.URL_VARIABLE, sim.url().toString());
        env.put(DockerStandIn.LOG_VARIABLE, dir.resolve("docker-argv.log").toString());
        env.put("DTR_USERNAME", "admin");
        env.put("DTR_TOKEN", TOKEN);
        env.put("UCP_PASSWORD", UCP_PASSWORD);
        push("team/app", "v1", SyntheticImages.image(11, 2, 300, 900));
        push("team/app", "v2", SyntheticImages.image(12, 3, 300, 900));
        push("team/lib", "1.0", SyntheticImages.image(13, 1, 300, 900));
        WrittenImage multi = sim.pushIndex("team/multi", "latest", List.of(
                SyntheticImages.image(14, ManifestFormat.OCI, Image.Platform.LINUX_AMD64, List.of(SyntheticImages.layer(140, 500))),
                SyntheticImages.image(15, ManifestFormat.OCI, new Image.Platform("linux", "arm64"),
                        List.of(SyntheticImages.layer(150, 500)))));
        tags.put("team/multi:latest", multi.manifest());
        WrittenImage gone = sim.push("team/tmp", "gone", SyntheticImages.image(16, 2, 300, 900));
        sim.deleteTag("team/tmp", "gone");
        dangling.addAll(gone.blobs());
    }

    private void push(String repository, String tag, Image image) throws IOException {
        tags.put(repository + ":" + tag, sim.push(repository, tag, image).manifest());
    }

    String url() {
        return sim.url().toString();
    }

    /** Runs the CLI; {@code --url} is added. */
    int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--url");
        all.add(url());
        return Main.commandLine(env, new PrintWriter(out, true), new PrintWriter(err, true)).execute(all.toArray(String[]::new));
    }

    /** The UCP and replica options every bootstrapper command takes. */
    static List<String> ucp() {
        return List.of("--ucp-url", "https://ucp.example.com", "--ucp-username", "ucp-admin", "--ucp-insecure-tls",
                "--replica-id", REPLICA);
    }

    int runBootstrapper(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command.split(" ")));
        all.addAll(ucp());
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    String output() {
        return out + "\n" + err;
    }

    String dockerLog() throws IOException {
        Path log = dir.resolve("docker-argv.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** A test-only storage copy (list, read, write); the real procedure uses the storage copier (dtrCopyStorage). */
    static int copy(ObjectStore from, ObjectStore to) throws IOException {
        List<ObjectInfo> all = from.list("").toList();
        for (ObjectInfo info : all) {
            to.write(info.key(), from.readAllBytes(info.key()));
        }
        return all.size();
    }

    /** Every pushed tag exists in the metadata with the digest it was pushed with. */
    void assertTagsSurvived() {
        Map<String, Digest> now = new LinkedHashMap<>();
        for (var repo : sim.metadata().repositories()) {
            for (TagRecord t : sim.metadata().tags(repo.fullName())) {
                now.put(repo.fullName() + ":" + t.name(), t.digest());
            }
        }
        assertThat(now).containsExactlyInAnyOrderEntriesOf(tags);
    }

    /** Every blob of every tag is in {@code store}, and no dangling blob is. */
    void assertBlobsIn(ObjectStore store, boolean danglingCollected) throws IOException {
        RegistryTreeReader reader = new RegistryTreeReader(store);
        for (Map.Entry<String, Digest> tag : tags.entrySet()) {
            for (Digest blob : reader.referencedBlobs(tag.getValue())) {
                assertThat(store.stat(RegistryLayout.blobData(blob))).as(tag.getKey() + " needs " + blob).isPresent();
            }
        }
        Set<Digest> present = new HashSet<>();
        for (ObjectInfo info : store.list(RegistryLayout.BLOBS).toList()) {
            if (RegistryLayout.classify(info.key()) instanceof RegistryKey.BlobData b) {
                present.add(b.digest());
            }
        }
        if (danglingCollected) {
            assertThat(present).as("dangling blobs collected").doesNotContainAnyElementsOf(dangling);
        } else {
            assertThat(present).containsAll(dangling);
        }
    }

    /** The crons DTR lists, as action → schedule + deadline. */
    Map<String, String> crons() {
        Map<String, String> map = new LinkedHashMap<>();
        sim.crons().list().forEach(c -> map.put(c.action(), c.spec().schedule() + " " + c.spec().deadline()));
        return map;
    }

    static Map<String, String> cronsAsConfigured() {
        Map<String, String> map = new LinkedHashMap<>();
        CRONS.forEach(c -> map.put(c.action(), c.schedule() + " " + c.deadline()));
        return map;
    }

    /** No secret in anything captured: CLI output and every docker command line. */
    void assertNoSecretLeaked() throws IOException {
        String everything = output() + "\n" + dockerLog();
        for (String secret : secrets) {
            assertThat(everything).doesNotContain(secret);
        }
    }

    @Override
    public void close() {
        sim.close();
    }
}
